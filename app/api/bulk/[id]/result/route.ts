import { currentEnvironmentGet } from "@/lib/auth/api-route";
import { bulkResultCsv } from "@/lib/bulk/result";
import { getLocale } from "@/lib/i18n/server";
import { csvDownload } from "@/lib/core/csv";

export const dynamic = "force-dynamic";

/** The job's result as CSV; the data layer checks the role. */
export const GET = currentEnvironmentGet(async ({ actor, environment }, ctx: { params: Promise<{ id: string }> }) => {
  const { csv, fileName } = await bulkResultCsv({ actor, environment }, (await ctx.params).id, await getLocale());
  return csvDownload(csv, fileName);
});
