import { getActor } from "@/lib/auth/session";
import { currentEnvironment } from "@/lib/current-environment";
import { exportCustomersCsv } from "@/lib/dal/customer-export";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The current environment's customers as CSV; the data layer checks the role. */
export async function GET() {
  try {
    const actor = await getActor();
    const environment = actor ? await currentEnvironment(actor) : null;
    const csv = await exportCustomersCsv(actor, environment?.id ?? "");
    const date = new Date().toISOString().slice(0, 10);
    return new Response(`\uFEFF${csv}`, { headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="customers-${environment?.slug ?? "env"}-${date}.csv"`,
      "cache-control": "no-store",
    } });
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: err.code, message: err.userMessage }, { status: err.status });
    throw err;
  }
}
