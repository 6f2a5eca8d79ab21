import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/core/errors";

/** Turns the poller's automatic renew of expired requests on or off for one environment (admins). */
export async function setAutoRenewExpired(actor: Actor | null, environmentId: string, on: boolean): Promise<void> {
  assertCan(actor, "environments.manage");
  await db.$transaction(async (tx) => {
    const updated = await tx.environment.updateMany({ where: { id: environmentId }, data: { autoRenewExpired: on } });
    if (updated.count === 0) throw notFound({ nb: "miljøet", en: "Environment" });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "environment.auto_renew",
        target: { type: "environment", id: environmentId },
        outcome: "success",
        environmentId,
        detail: { autoRenewExpired: on },
      },
      tx,
    );
  });
}
