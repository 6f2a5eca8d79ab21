import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getRequestView, refreshRequest } from "@/lib/requests/requests";
import { AppError } from "@/lib/core/errors";

export const dynamic = "force-dynamic";
const RECHECK_MS = 5_000;

/** Status for the request page's poller; pending requests are re-read from Altinn at most every 5 s. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  try {
    const actor = await getActor();
    let row = await getRequestView(actor, id);
    const stale = !row.lastCheckedAt || Date.now() - row.lastCheckedAt.getTime() > RECHECK_MS;
    if (row.status === "New" && stale && actor && can(actor.role, "requests.refresh")) {
      await refreshRequest(actor, id);
      row = await getRequestView(actor, id);
    }
    return Response.json({ status: row.status, systemUserId: row.systemUser?.altinnSystemUserId ?? null });
  } catch (err) {
    if (err instanceof AppError)
      return Response.json({ error: err.code, message: err.userMessage }, { status: err.status });
    throw err;
  }
}
