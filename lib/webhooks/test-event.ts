import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { emitEvent } from "@/lib/events/emit";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";
import { attemptDelivery } from "@/lib/webhooks/deliver";
import { requestDelivery } from "@/lib/webhooks/deliver.job";
import { endpointNotFound } from "@/lib/webhooks/queries";
import { endpointDisabled } from "@/lib/webhooks/replay";
import type { AttemptOutcome } from "@/lib/webhooks/send";
import { claimDeliveries } from "@/lib/webhooks/store";

/**
 * Emits a `webhook.test` event for one endpoint only and sends it at once, so the person who pressed the
 * button sees the answer. It is an event like any other (numbered, in the feed), delivered to this
 * endpoint alone and even while the endpoint is failing: a test that gets through makes it healthy again.
 * A failed test is retried on the normal schedule.
 */
export async function sendWebhookTestEvent(
  scope: Scope,
  endpointId: string,
): Promise<{ eventId: string; deliveryId: string; outcome: AttemptOutcome | null }> {
  const { actor, environment } = scope;
  assertCan(actor, "webhooks.manage");
  const endpoint = isUuid(endpointId)
    ? await db.webhookEndpoint.findFirst({
        where: { id: endpointId, environmentId: environment.id },
        select: { disabledAt: true },
      })
    : null;
  if (!endpoint) throw endpointNotFound();
  if (endpoint.disabledAt) throw endpointDisabled();
  const { eventId, deliveryId } = await db.$transaction(async (tx) => {
    const event = await emitEvent(tx, environment.id, "webhook.test", { endpointId }, { onlyTo: endpointId });
    const delivery = await tx.webhookDelivery.findUniqueOrThrow({
      where: { endpointId_eventId: { endpointId, eventId: event.id } },
      select: { id: true },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhook.test",
        target: { type: "webhook_endpoint", id: endpointId },
        outcome: "success",
        environmentId: environment.id,
        detail: { eventId: event.id },
      },
      tx,
    );
    return { eventId: event.id, deliveryId: delivery.id };
  });
  // A background sender may have taken it first; then it is on its way and we have no answer to show.
  const [claimed] = await claimDeliveries(1, 60_000, { deliveryIds: [deliveryId] });
  const outcome = claimed ? await attemptDelivery(claimed) : null;
  // Either way the sender looks again: a failed test has a retry to wait for.
  await requestDelivery();
  return { eventId, deliveryId, outcome };
}
