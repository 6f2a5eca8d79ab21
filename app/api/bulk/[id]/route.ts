import { getActor } from "@/lib/auth/session";
import { currentEnvironment } from "@/lib/current-environment";
import { getBulkProgress } from "@/lib/dal/bulk-views";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The job's progress for the page's poller; the data layer checks the role. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  try {
    const actor = await getActor();
    const environment = actor ? await currentEnvironment(actor) : null;
    return Response.json(await getBulkProgress(actor, environment?.id ?? "", id), { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: err.code, message: err.userMessage }, { status: err.status });
    throw err;
  }
}
