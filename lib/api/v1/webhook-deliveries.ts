import { z } from "zod";
import { defineOperation, noContent, ok } from "@/lib/api/operation";
import { listWebhookDeliveries } from "@/lib/webhooks/queries";
import { replayWebhookDelivery, replayWebhooksSince } from "@/lib/webhooks/replay";
import { DELIVERY_STATUSES, replaySinceSchema } from "@/lib/webhooks/schema";
import { sendWebhookTestEvent } from "@/lib/webhooks/test-event";

// What was sent to an endpoint and sending it again; the endpoints themselves are in webhooks.ts.
const IdParam = z.object({ id: z.string().uuid() });
const TAG = "Webhooks";
const SCOPE = "webhooks:write" as const;

export const testWebhookEndpointOp = defineOperation({
  method: "POST",
  path: "/webhook-endpoints/{id}/test",
  operationId: "testWebhookEndpoint",
  summary: "Send a test event",
  description:
    "Sends a `webhook.test` event to this endpoint only and answers how it went. A success clears `failingSince`.",
  tag: TAG,
  scope: SCOPE,
  params: IdParam,
  response: {
    status: 200,
    description: "The attempt.",
    schema: z
      .object({
        eventId: z.string().uuid(),
        deliveryId: z.string().uuid(),
        outcome: z
          .object({
            ok: z.boolean(),
            status: z.number().int().nullable(),
            latencyMs: z.number().int(),
            excerpt: z.string().nullable(),
            error: z.string().nullable(),
          })
          .nullable(),
      })
      .meta({ id: "WebhookTestResult" }),
  },
  problems: [404, 409],
  async handle({ params }, { scope }) {
    return ok(await sendWebhookTestEvent(scope, params.id));
  },
});

export const replayWebhooksOp = defineOperation({
  method: "POST",
  path: "/webhook-endpoints/{id}/replay",
  operationId: "replayWebhooks",
  summary: "Replay everything since a time",
  description: "Sends again every event of the endpoint's types since `since`: held, failed and delivered ones.",
  tag: TAG,
  scope: SCOPE,
  params: IdParam,
  body: replaySinceSchema,
  response: {
    status: 200,
    description: "How many deliveries were queued.",
    schema: z.object({ queued: z.number().int() }).meta({ id: "WebhookReplayResult" }),
  },
  problems: [404, 409],
  async handle({ params, body }, { scope }) {
    return ok(await replayWebhooksSince(scope, params.id, body));
  },
});

const WebhookDelivery = z
  .object({
    id: z.string().uuid(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.string().datetime().nullable(),
    succeededAt: z.string().datetime().nullable(),
    event: z.object({ id: z.string().uuid(), type: z.string(), sequence: z.number().int() }),
    log: z.array(
      z.object({
        at: z.string().datetime(),
        status: z.number().int().nullable(),
        latencyMs: z.number().int(),
        responseExcerpt: z.string().nullable(),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "WebhookDelivery" });

export const listWebhookDeliveriesOp = defineOperation({
  method: "GET",
  path: "/webhook-endpoints/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  summary: "The delivery log",
  description: "Newest first, each delivery with every attempt (status, latency, the start of the answer).",
  tag: TAG,
  scope: SCOPE,
  params: IdParam,
  query: z.object({
    status: z.enum(DELIVERY_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().uuid().optional().describe("`nextCursor` from the previous page."),
  }),
  response: {
    status: 200,
    description: "A page of deliveries.",
    schema: z
      .object({ data: z.array(WebhookDelivery), hasMore: z.boolean(), nextCursor: z.string().nullable() })
      .meta({ id: "WebhookDeliveryPage" }),
  },
  problems: [404],
  async handle({ params, query }, { scope }) {
    const page = await listWebhookDeliveries(scope, params.id, query);
    return ok({
      hasMore: page.nextCursor !== null,
      nextCursor: page.nextCursor,
      data: page.data.map((d) => ({
        id: d.id,
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
        succeededAt: d.succeededAt?.toISOString() ?? null,
        event: { id: d.event.id, type: d.event.type, sequence: d.event.sequence },
        log: d.log.map((a) => ({ ...a, at: a.at.toISOString() })),
      })),
    });
  },
});

export const replayWebhookDeliveryOp = defineOperation({
  method: "POST",
  path: "/webhook-deliveries/{id}/replay",
  operationId: "replayWebhookDelivery",
  summary: "Send one delivery again",
  tag: TAG,
  scope: SCOPE,
  params: IdParam,
  response: { status: 204, description: "Queued." },
  problems: [404, 409],
  async handle({ params }, { scope }) {
    await replayWebhookDelivery(scope, params.id);
    return noContent();
  },
});
