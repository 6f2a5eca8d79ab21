import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { SECRET_CHANGED, toJson } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { isUuid } from "@/lib/core/ids";
import { openSecret, sealSecret } from "@/lib/core/master-key";
import type { Scope } from "@/lib/environments/types";
import { endpointNotFound } from "@/lib/webhooks/queries";
import { newWebhookSecret, webhookAad } from "@/lib/webhooks/sign";

/** How long the previous secret keeps signing after a rotation: a day to deploy the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

async function sealedSecrets({ environment }: Scope, id: string) {
  const row = isUuid(id)
    ? await db.webhookEndpoint.findFirst({
        where: { id, environmentId: environment.id },
        select: { secretEnc: true, previousSecretEnc: true, previousSecretExpiresAt: true },
      })
    : null;
  if (!row) throw endpointNotFound();
  return row;
}

const audit = (scope: Scope & { actor: NonNullable<Scope["actor"]> }, id: string, action: string) => ({
  actor: auditActor(scope.actor),
  action,
  target: { type: "webhook_endpoint", id },
  outcome: "success" as const,
  environmentId: scope.environment.id,
});

/**
 * A new secret signs from now on; the old one goes on signing beside it for 24 hours (both signatures
 * in webhook-signature), so receivers can switch without losing a message. A second rotation within the
 * overlap drops the oldest secret.
 */
export async function rotateWebhookSecret(
  scope: Scope,
  id: string,
): Promise<{ secret: string; previousExpiresAt: Date }> {
  const { actor } = scope;
  assertCan(actor, "webhooks.manage");
  const current = await sealedSecrets(scope, id);
  const secret = newWebhookSecret();
  const previousExpiresAt = new Date(Date.now() + ROTATION_OVERLAP_MS);
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secretEnc: sealSecret(secret, webhookAad(id)),
        previousSecretEnc: current.secretEnc,
        previousSecretExpiresAt: previousExpiresAt,
      },
    });
    // The secrets themselves never: the new one as "changed", and until when the old one goes on signing.
    const detail = {
      before: { previousSecretExpiresAt: toJson(current.previousSecretExpiresAt) },
      after: { secret: SECRET_CHANGED, previousSecretExpiresAt: toJson(previousExpiresAt) },
    };
    await recordAudit({ ...audit({ ...scope, actor }, id, "webhook.rotate_secret"), detail }, tx);
  });
  return { secret, previousExpiresAt };
}

/** The signing secret (and the previous one while it still signs). Showing a secret is audited. */
export async function revealWebhookSecret(
  scope: Scope,
  id: string,
): Promise<{ secret: string; previousSecret: string | null; previousExpiresAt: Date | null }> {
  const { actor } = scope;
  assertCan(actor, "webhooks.manage");
  const row = await sealedSecrets(scope, id);
  const overlap = row.previousSecretEnc && row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date();
  await recordAudit(audit({ ...scope, actor }, id, "webhook.reveal_secret"));
  return {
    secret: openSecret(row.secretEnc, webhookAad(id)),
    previousSecret: overlap && row.previousSecretEnc ? openSecret(row.previousSecretEnc, webhookAad(id)) : null,
    previousExpiresAt: overlap ? row.previousSecretExpiresAt : null,
  };
}
