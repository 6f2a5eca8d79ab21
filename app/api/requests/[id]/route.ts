import { currentEnvironmentGet } from "@/lib/auth/api-route";
import { can } from "@/lib/auth/permissions";
import { getRequestView } from "@/lib/requests/queries";
import { refreshRequest } from "@/lib/requests/refresh";

export const dynamic = "force-dynamic";
const RECHECK_MS = 5_000;

/** Status for the request page's poller; pending requests are re-read from Altinn at most every 5 s. */
export const GET = currentEnvironmentGet(async (scope, ctx: { params: Promise<{ id: string }> }) => {
  const { id } = await ctx.params;
  let row = await getRequestView(scope, id);
  const stale = !row.lastCheckedAt || Date.now() - row.lastCheckedAt.getTime() > RECHECK_MS;
  if (row.status === "New" && stale && scope.actor && can(scope.actor.role, "requests.refresh")) {
    await refreshRequest(scope, id);
    row = await getRequestView(scope, id);
  }
  return Response.json({ status: row.status, systemUserId: row.systemUser?.altinnSystemUserId ?? null });
});
