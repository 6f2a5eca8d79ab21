import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventType } from "@/lib/events/types";

type Tx = Prisma.TransactionClient;
type Listener = (environmentId: string) => void;

const g = globalThis as unknown as { eventListeners?: Set<Listener> };
const listeners = (g.eventListeners ??= new Set());

/**
 * Called after an event is written: the webhook sender listens to start delivering soon after commit, and
 * the mail reminder scan to send a confirmation (and no more reminders) once a customer is connected.
 */
export function onEventEmitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Writes one vendor event into the outbox inside the caller's transaction, so the event exists if and
 * only if the change it reports does. Numbers it with the environment's next sequence (the row lock
 * on the environment orders concurrent writers) and queues one delivery per endpoint that wants it;
 * an endpoint that is failing gets the delivery held until someone replays it.
 *
 * `onlyTo` (the test event) queues one pending delivery for that endpoint alone, even a failing one, and
 * wakes no sender: the caller sends it itself and shows the answer.
 */
export async function emitEvent(
  tx: Tx,
  environmentId: string,
  type: EventType,
  data: Record<string, unknown>,
  opts: { onlyTo?: string } = {},
): Promise<{ id: string; seq: bigint }> {
  const rows = await tx.$queryRaw<{ eventSeq: bigint }[]>`
    UPDATE environments SET "eventSeq" = "eventSeq" + 1 WHERE id = ${environmentId}::uuid RETURNING "eventSeq"`;
  const eventSeq = rows[0]?.eventSeq;
  if (eventSeq === undefined) throw new Error(`emitEvent: no environment ${environmentId}`);
  const event = await tx.vendorEvent.create({
    data: { environmentId, seq: eventSeq, type, data: data as Prisma.InputJsonValue },
    select: { id: true, seq: true },
  });
  if (opts.onlyTo) {
    await tx.webhookDelivery.create({ data: { endpointId: opts.onlyTo, eventId: event.id, status: "pending" } });
    return event;
  }
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      environmentId,
      disabledAt: null,
      OR: [{ eventTypes: { isEmpty: true } }, { eventTypes: { has: type } }],
    },
    select: { id: true, failingSince: true },
  });
  if (endpoints.length > 0) {
    await tx.webhookDelivery.createMany({
      data: endpoints.map((e) => ({
        endpointId: e.id,
        eventId: event.id,
        status: e.failingSince ? ("held" as const) : ("pending" as const),
      })),
    });
  }
  // Every event, not only those with deliveries: the mail reminder scan listens too (lib/mail/reminders-wake.ts).
  for (const listener of listeners) listener(environmentId);
  return event;
}
