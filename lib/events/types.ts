import { z } from "zod";

/** Every event type a vendor can receive, with what it means (shown in the API reference and the UI). */
export const EVENT_TYPES = {
  "request.created": "A system user request was created in Altinn and waits for the customer.",
  "request.accepted": "The customer approved the request; a system user now exists.",
  "request.rejected": "The customer rejected the request.",
  "request.expired": "Altinn's 28 days ran out before the customer answered.",
  "request.deleted": "The request was withdrawn or replaced.",
  "systemuser.created": "A system user for one of your systems appeared at a customer.",
  "systemuser.deleted": "A customer deleted a system user.",
  "drift.detected": "Reconciliation found a difference between Altinn and the portal.",
  "key.expiring": "A Maskinporten signing key expires soon.",
  "audit.checkpoint":
    "The audit trail signed a checkpoint of this environment's hash chain (keep it: it proves later exports).",
  "webhook.test": "Sent by “Send test event”; carries nothing else.",
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as [EventType, ...EventType[]];
export const EventTypeSchema = z.enum(EVENT_TYPE_NAMES).meta({ id: "EventType" });

/**
 * The envelope every consumer sees, in the feed and in webhook bodies alike (Standard Webhooks'
 * `type`/`timestamp`/`data`, plus our id and the environment's sequence number for catching up).
 */
export const EventSchema = z
  .object({
    id: z.string().uuid(),
    type: EventTypeSchema,
    sequence: z.number().int().positive(),
    timestamp: z.string().datetime(),
    environment: z.string().describe("The environment's slug."),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Event" });
export type VendorEventBody = z.infer<typeof EventSchema>;
