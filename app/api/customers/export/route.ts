import { currentEnvironmentGet } from "@/lib/auth/api-route";
import { exportCustomersCsv } from "@/lib/customers/export";
import { csvDownload } from "@/lib/core/csv";

export const dynamic = "force-dynamic";

/** The current environment's customers as CSV; the data layer checks the role. */
export const GET = currentEnvironmentGet(async ({ actor, environment }) => {
  const csv = await exportCustomersCsv({ actor, environment });
  const date = new Date().toISOString().slice(0, 10);
  return csvDownload(csv, `customers-${environment.slug}-${date}.csv`);
});
