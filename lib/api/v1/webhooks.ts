import { z } from "zod";
import { created, defineOperation, noContent, ok } from "@/lib/api/operation";
import { EventTypeSchema } from "@/lib/events/types";
import { createWebhookEndpoint, deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import {
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  type WebhookEndpointView,
} from "@/lib/webhooks/queries";
import { replayWebhookDelivery, replayWebhooksSince } from "@/lib/webhooks/replay";
import {
  createWebhookEndpointSchema,
  DELIVERY_STATUSES,
  replaySinceSchema,
  updateWebhookEndpointSchema,
} from "@/lib/webhooks/schema";
import { rotateWebhookSecret } from "@/lib/webhooks/secrets";
import { sendWebhookTestEvent } from "@/lib/webhooks/test-event";

const WebhookEndpoint = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    description: z.string(),
    events: z.array(EventTypeSchema).describe("Event types sent here; empty means every type."),
    enabled: z.boolean(),
    failingSince: z
      .string()
      .datetime()
      .nullable()
      .describe("Set when a delivery used up its retries; new events are held until a replay."),
    previousSecretExpiresAt: z.string().datetime().nullable().describe("Until then the previous secret signs too."),
    waiting: z.object({ pending: z.number().int(), held: z.number().int(), failed: z.number().int() }),
    createdAt: z.string().datetime(),
  })
  .meta({ id: "WebhookEndpoint" });

const endpointResource = (e: WebhookEndpointView): z.infer<typeof WebhookEndpoint> => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
  failingSince: e.failingSince?.toISOString() ?? null,
  previousSecretExpiresAt: e.previousSecretExpiresAt?.toISOString() ?? null,
  waiting: e.waiting,
  createdAt: e.createdAt.toISOString(),
});

const CreatedEndpoint = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    secret: z.string().describe("`whsec_…`: verify signatures with it (Standard Webhooks). Store it now."),
  })
  .meta({ id: "WebhookEndpointCreated" });

const IdParam = z.object({ id: z.string().uuid() });
const TAG = "Webhooks";
const SCOPE = "webhooks:write" as const;

export const listWebhookEndpointsOp = defineOperation({
  method: "GET",
  path: "/webhook-endpoints",
  operationId: "listWebhookEndpoints",
  summary: "List webhook endpoints",
  tag: TAG,
  scope: SCOPE,
  response: { status: 200, description: "Every endpoint.", schema: z.object({ data: z.array(WebhookEndpoint) }) },
  async handle(_input, { scope }) {
    return ok({ data: (await listWebhookEndpoints(scope)).map(endpointResource) });
  },
});

export const createWebhookEndpointOp = defineOperation({
  method: "POST",
  path: "/webhook-endpoints",
  operationId: "createWebhookEndpoint",
  summary: "Register a webhook endpoint",
  description:
    "Events are POSTed to `url` signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). The URL must be https and public (no private, loopback or link-local addresses); the Local emulator environment also allows loopback.",
  tag: TAG,
  scope: SCOPE,
  body: createWebhookEndpointSchema,
  response: { status: 201, description: "Registered; the secret is in this answer.", schema: CreatedEndpoint },
  async handle({ body }, { scope }) {
    const e = await createWebhookEndpoint(scope, body);
    return created(e, `/api/v1/webhook-endpoints/${e.id}`);
  },
});

export const getWebhookEndpointOp = defineOperation({
  method: "GET",
  path: "/webhook-endpoints/{id}",
  operationId: "getWebhookEndpoint",
  summary: "Get a webhook endpoint",
  tag: TAG,
  scope: SCOPE,
  params: IdParam,
  response: { status: 200, description: "The endpoint.", schema: WebhookEndpoint },
  problems: [404],
  async handle({ params }, { scope }) {
    return ok(endpointResource(await getWebhookEndpoint(scope, params.id)));
  },
});

export const updateWebhookEndpointOp = defineOperation({
  method: "PATCH",
  path: "/webhook-endpoints/{id}",
  operationId: "updateWebhookEndpoint",
  summary: "Change a webhook endpoint",
  description: "Only the fields given change. `enabled: false` holds new deliveries until a replay.",
  tag: TAG,
  scope: SCOPE,
  params: IdParam,
  body: updateWebhookEndpointSchema,
  response: { status: 200, description: "The endpoint after the change.", schema: WebhookEndpoint },
  problems: [404],
  async handle({ params, body }, { scope }) {
    return ok(endpointResource(await updateWebhookEndpoint(scope, params.id, body)));
  },
});

export const deleteWebhookEndpointOp = defineOperation({
  method: "DELETE",
  path: "/webhook-endpoints/{id}",
  operationId: "deleteWebhookEndpoint",
  summary: "Delete a webhook endpoint",
  tag: TAG,
  scope: SCOPE,
  params: IdParam,
  response: { status: 204, description: "Deleted; nothing more is sent to it." },
  problems: [404],
  async handle({ params }, { scope }) {
    await deleteWebhookEndpoint(scope, params.id);
    return noContent();
  },
});

export const rotateWebhookSecretOp = defineOperation({
  method: "POST",
  path: "/webhook-endpoints/{id}/rotate-secret",
  operationId: "rotateWebhookSecret",
  summary: "Rotate the signing secret",
  description:
    "A new secret signs from now; the previous one keeps signing beside it for 24 hours, so receivers can switch without losing a delivery.",
  tag: TAG,
  scope: SCOPE,
  params: IdParam,
  response: {
    status: 200,
    description: "The new secret.",
    schema: z.object({ secret: z.string(), previousExpiresAt: z.string().datetime() }).meta({ id: "WebhookSecret" }),
  },
  problems: [404],
  async handle({ params }, { scope }) {
    const r = await rotateWebhookSecret(scope, params.id);
    return ok({ secret: r.secret, previousExpiresAt: r.previousExpiresAt.toISOString() });
  },
});

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
