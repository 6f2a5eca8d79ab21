import { getActor } from "@/lib/auth/session";
import { currentEnvironment } from "@/lib/current-environment";
import { bulkResultCsv } from "@/lib/dal/bulk-result";
import { AppError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** The job's result as CSV (BOM so Excel reads it as UTF-8); the data layer checks the role. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  try {
    const actor = await getActor();
    const environment = actor ? await currentEnvironment(actor) : null;
    const { csv, fileName } = await bulkResultCsv(actor, environment?.id ?? "", id, await getLocale());
    return new Response(`\uFEFF${csv}`, { headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    } });
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: err.code, message: err.userMessage }, { status: err.status });
    throw err;
  }
}
