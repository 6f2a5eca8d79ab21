import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError, invalidInput, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";
import { requestDelivery } from "@/lib/webhooks/deliver.job";
import { endpointNotFound } from "@/lib/webhooks/queries";
import { replaySinceSchema, type ReplaySinceInput } from "@/lib/webhooks/schema";

// A replay is the one way a delivery is sent again after it succeeded or gave up. It starts a fresh
// retry schedule and clears the endpoint's failing mark: someone has looked and says it is back.

export const endpointDisabled = () =>
  new AppError(
    "webhook_endpoint_disabled",
    {
      nb: "Webhook-mottakeren er slått av. Slå den på før du sender på nytt.",
      en: "The webhook endpoint is disabled. Enable it before sending again.",
    },
    409,
  );

const again = () => ({ status: "pending" as const, attempts: 0, nextAttemptAt: new Date(), leaseUntil: null });

/** Sends one delivery again (whatever its state, unless it is being sent right now). */
export async function replayWebhookDelivery(scope: Scope, deliveryId: string): Promise<void> {
  const { actor, environment } = scope;
  assertCan(actor, "webhooks.manage");
  const delivery = isUuid(deliveryId)
    ? await db.webhookDelivery.findFirst({
        where: { id: deliveryId, endpoint: { environmentId: environment.id } },
        select: { status: true, endpointId: true, eventId: true, endpoint: { select: { disabledAt: true } } },
      })
    : null;
  if (!delivery) throw notFound({ nb: "leveransen", en: "Delivery" });
  if (delivery.endpoint.disabledAt) throw endpointDisabled();
  await db.$transaction(async (tx) => {
    await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { not: "working" } },
      data: again(),
    });
    await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { failingSince: null } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhook.replay",
        target: { type: "webhook_endpoint", id: delivery.endpointId },
        outcome: "success",
        environmentId: environment.id,
        detail: { deliveryId, eventId: delivery.eventId, was: delivery.status },
      },
      tx,
    );
  });
  await requestDelivery();
}

/**
 * Sends everything since `since` again (Svix's "recover"): held, failed and succeeded deliveries alike,
 * plus events of the endpoint's types that it never got while it existed (it was disabled, or took other
 * types then). Events from before the endpoint was created are not sent: it never asked for them.
 */
export async function replayWebhooksSince(
  scope: Scope,
  endpointId: string,
  raw: ReplaySinceInput,
): Promise<{ queued: number }> {
  const { actor, environment } = scope;
  assertCan(actor, "webhooks.manage");
  const parsed = replaySinceSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { since } = parsed.data;
  const endpoint = isUuid(endpointId)
    ? await db.webhookEndpoint.findFirst({
        where: { id: endpointId, environmentId: environment.id },
        select: { eventTypes: true, disabledAt: true, createdAt: true },
      })
    : null;
  if (!endpoint) throw endpointNotFound();
  if (endpoint.disabledAt) throw endpointDisabled();
  const queued = await db.$transaction(async (tx) => {
    const resent = await tx.webhookDelivery.updateMany({
      where: { endpointId, status: { in: ["held", "failed", "succeeded"] }, event: { createdAt: { gte: since } } },
      data: again(),
    });
    const missing = await tx.$executeRaw`
      INSERT INTO webhook_deliveries (id, "endpointId", "eventId", status, "nextAttemptAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${endpointId}::uuid, ev.id, 'pending', now(), now(), now() FROM vendor_events ev
      WHERE ev."environmentId" = ${environment.id}::uuid AND ev."createdAt" >= ${since > endpoint.createdAt ? since : endpoint.createdAt}
        AND ev.type <> 'webhook.test'
        AND (cardinality(${endpoint.eventTypes}::text[]) = 0 OR ev.type = ANY(${endpoint.eventTypes}::text[]))
      ON CONFLICT ("endpointId", "eventId") DO NOTHING`;
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { failingSince: null } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhook.replay_since",
        target: { type: "webhook_endpoint", id: endpointId },
        outcome: "success",
        environmentId: environment.id,
        detail: { since: since.toISOString(), resent: resent.count, missing },
      },
      tx,
    );
    return resent.count + missing;
  });
  await requestDelivery();
  return { queued };
}
