import "server-only";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";

/**
 * A cheap fingerprint of what list pages show for an environment: it changes whenever a request event is
 * written, a system user is created or changes status, or a reconciliation run starts or finishes (by the
 * poller, a callback, another operator or another process), so an open page knows to re-render without
 * re-reading its whole list every few seconds. One primary-key read: triggers keep the counter in the
 * writing statement's transaction (migration 0024, ADR 023), so the cost does not grow with the tables.
 */
export async function liveVersion(scope: Scope): Promise<string> {
  assertCan(scope.actor, "portal.read");
  const row = await db.liveCounter.findUnique({
    where: { environmentId: scope.environment.id },
    select: { version: true },
  });
  return String(row?.version ?? 0n);
}
