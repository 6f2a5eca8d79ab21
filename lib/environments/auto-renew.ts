import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { changedFields } from "@/lib/core/changes";
import { notFound } from "@/lib/core/errors";

/**
 * Turns the poller's automatic renew of expired requests on or off for one environment (admins). Audited
 * with before and after; saving the value it already has writes nothing.
 */
export async function setAutoRenewExpired(actor: Actor | null, environmentId: string, on: boolean): Promise<void> {
  assertCan(actor, "environments.manage");
  await db.$transaction(async (tx) => {
    // FOR UPDATE: two admins flipping it at once each see the other's value as their "before".
    const [row] = await tx.$queryRaw<{ autoRenewExpired: boolean }[]>`
      SELECT "autoRenewExpired" FROM environments WHERE id = ${environmentId}::uuid FOR UPDATE`;
    if (!row) throw notFound({ nb: "miljøet", en: "Environment" });
    const changes = changedFields(row, { autoRenewExpired: on });
    if (!changes) return;
    await tx.environment.update({ where: { id: environmentId }, data: { autoRenewExpired: on } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "environment.auto_renew",
        target: { type: "environment", id: environmentId },
        outcome: "success",
        environmentId,
        detail: changes,
      },
      tx,
    );
  });
}
