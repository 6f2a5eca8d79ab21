import { z } from "zod";
import { created, defineOperation, noContent, ok } from "@/lib/api/operation";
import { EventTypeSchema } from "@/lib/events/types";
import { createWebhookEndpoint, deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { getWebhookEndpoint, listWebhookEndpoints, type WebhookEndpointView } from "@/lib/webhooks/queries";
import { createWebhookEndpointSchema, updateWebhookEndpointSchema } from "@/lib/webhooks/schema";
import { rotateWebhookSecret } from "@/lib/webhooks/secrets";

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
