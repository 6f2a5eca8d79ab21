import "server-only";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";

/**
 * A cheap fingerprint of what list pages show for an environment: it changes whenever a request or a
 * system user is created or changes status (by the poller, a callback or another operator), so an
 * open page knows to re-render without re-reading its whole list every few seconds.
 */
export async function liveVersion(scope: Scope): Promise<string> {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  // Timeline events, not updatedAt: the poller touches every row it reads, changed or not.
  const [events, systemUsers, recon] = await Promise.all([
    db.requestEvent.aggregate({
      where: { request: { system: { environmentId } } },
      _count: { _all: true },
      _max: { at: true },
    }),
    db.systemUser.count({ where: { system: { environmentId } } }),
    // A finished reconciliation run (Run now) shows up on the reconciliation page and the dashboard.
    db.reconRun.aggregate({ where: { environmentId }, _count: { _all: true }, _max: { finishedAt: true } }),
  ]);
  return `${events._count._all}.${events._max.at?.getTime() ?? 0}.${systemUsers}.${recon._count._all}.${recon._max.finishedAt?.getTime() ?? 0}`;
}
