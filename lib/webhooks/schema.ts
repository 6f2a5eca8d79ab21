import { z } from "zod";
import { EVENT_TYPE_NAMES, EventTypeSchema, type EventType } from "@/lib/events/types";

// Shared by the portal's forms and the /api/v1 layer. Messages are i18n keys (lib/i18n/areas/webhooks.ts),
// so both languages come from one place. The URL's safety rules need the environment's kind and DNS,
// so they live in ssrf.ts and run in the data layer; here only the shape is checked.

/** Types an endpoint can subscribe to: every type but the test event, which goes to one endpoint on request. */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPE_NAMES.filter((t) => t !== "webhook.test");

const urlSchema = z
  .string()
  .trim()
  .min(1, "errors.required")
  .max(2000, "errors.tooLong")
  .refine((v) => URL.canParse(v), "webhooks.errors.url");
const descriptionSchema = z.string().trim().max(500, "errors.tooLong");
/** Empty means every type. Repeats are dropped. */
const eventsSchema = z
  .array(EventTypeSchema, "webhooks.errors.events")
  .max(EVENT_TYPE_NAMES.length, "webhooks.errors.events")
  .transform((types): EventType[] => [...new Set(types)]);

export const createWebhookEndpointSchema = z
  .object({
    url: urlSchema,
    description: descriptionSchema.default(""),
    events: eventsSchema.default([]),
  })
  .meta({ id: "WebhookEndpointCreate" });
export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointSchema>;

/** Every field optional (PATCH); `enabled: false` stops deliveries and holds what comes in meanwhile. */
export const updateWebhookEndpointSchema = z
  .object({
    url: urlSchema.optional(),
    description: descriptionSchema.optional(),
    events: eventsSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .meta({ id: "WebhookEndpointUpdate" });
export type UpdateWebhookEndpointInput = z.input<typeof updateWebhookEndpointSchema>;

/** "Everything since": a point in the past (an ISO string or a Date). */
export const replaySinceSchema = z
  .object({
    since: z.coerce
      .date("webhooks.errors.since")
      .refine((d) => d.getTime() <= Date.now() + 60_000, "webhooks.errors.sinceFuture"),
  })
  .meta({ id: "WebhookReplaySince" });
export type ReplaySinceInput = z.input<typeof replaySinceSchema>;

export const DELIVERY_STATUSES = ["pending", "working", "succeeded", "failed", "held"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The delivery log's paging: newest first, `cursor` is the last delivery id of the previous page. */
export const deliveryPageSchema = z.object({
  cursor: z.uuid().optional().catch(undefined),
  status: z.enum(DELIVERY_STATUSES).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).default(25).catch(25),
});
export type DeliveryPageInput = z.input<typeof deliveryPageSchema>;
