import "server-only";
import { randomUUID } from "node:crypto";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { changedFields, createdFields, removedFields } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { invalidInput } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { sealSecret } from "@/lib/core/master-key";
import type { Scope } from "@/lib/environments/types";
import { endpointNotFound, getWebhookEndpoint, type WebhookEndpointView } from "@/lib/webhooks/queries";
import {
  createWebhookEndpointSchema,
  updateWebhookEndpointSchema,
  type CreateWebhookEndpointInput,
  type UpdateWebhookEndpointInput,
} from "@/lib/webhooks/schema";
import { newWebhookSecret, webhookAad } from "@/lib/webhooks/sign";
import { checkEndpointUrl, policyFor } from "@/lib/webhooks/ssrf";

const target = (id: string) => ({ type: "webhook_endpoint", id });

/** Registers a receiver. The secret is returned here (and by reveal) only; it is stored sealed. */
export async function createWebhookEndpoint(
  scope: Scope,
  raw: CreateWebhookEndpointInput,
): Promise<{ id: string; url: string; secret: string }> {
  const { actor, environment } = scope;
  assertCan(actor, "webhooks.manage");
  const parsed = createWebhookEndpointSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const url = await checkEndpointUrl(parsed.data.url, policyFor(environment.kind));
  const id = randomUUID();
  const secret = newWebhookSecret();
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.create({
      data: {
        id,
        environmentId: environment.id,
        url,
        description: parsed.data.description,
        eventTypes: parsed.data.events,
        secretEnc: sealSecret(secret, webhookAad(id)),
        createdByLabel: auditActor(actor).label,
      },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhook.create",
        target: target(id),
        outcome: "success",
        environmentId: environment.id,
        detail: createdFields({
          url,
          description: parsed.data.description,
          events: parsed.data.events,
          enabled: true,
        }),
      },
      tx,
    );
  });
  return { id, url, secret };
}

/**
 * Changes what was given. Disabling holds the endpoint's waiting deliveries (a replay sends them later);
 * enabling sends nothing by itself.
 */
export async function updateWebhookEndpoint(
  scope: Scope,
  id: string,
  raw: UpdateWebhookEndpointInput,
): Promise<WebhookEndpointView> {
  const { actor, environment } = scope;
  assertCan(actor, "webhooks.manage");
  const parsed = updateWebhookEndpointSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const before = isUuid(id)
    ? await db.webhookEndpoint.findFirst({
        where: { id, environmentId: environment.id },
        select: { url: true, description: true, eventTypes: true, disabledAt: true },
      })
    : null;
  if (!before) throw endpointNotFound();
  const url = input.url === undefined ? undefined : await checkEndpointUrl(input.url, policyFor(environment.kind));
  const disabledAt = input.enabled === undefined ? undefined : input.enabled ? null : (before.disabledAt ?? new Date());
  const changes = changedFields(
    {
      url: before.url,
      description: before.description,
      events: before.eventTypes,
      enabled: before.disabledAt === null,
    },
    { url, description: input.description, events: input.events, enabled: input.enabled },
  );
  // Saved as it is: nothing to write, hold or record.
  if (!changes) return getWebhookEndpoint(scope, id);
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id },
      data: { url, description: input.description, eventTypes: input.events, disabledAt },
    });
    if (input.enabled === false)
      await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: "pending" }, data: { status: "held" } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhook.update",
        target: target(id),
        outcome: "success",
        environmentId: environment.id,
        detail: changes,
      },
      tx,
    );
  });
  return getWebhookEndpoint(scope, id);
}

/** Removes the endpoint with its deliveries and their log; the events stay in the feed. */
export async function deleteWebhookEndpoint(scope: Scope, id: string): Promise<void> {
  const { actor, environment } = scope;
  assertCan(actor, "webhooks.manage");
  const row = isUuid(id)
    ? await db.webhookEndpoint.findFirst({
        where: { id, environmentId: environment.id },
        select: { url: true, description: true, eventTypes: true, disabledAt: true },
      })
    : null;
  if (!row) throw endpointNotFound();
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "webhook.delete",
        target: target(id),
        outcome: "success",
        environmentId: environment.id,
        detail: removedFields({
          url: row.url,
          description: row.description,
          events: row.eventTypes,
          enabled: row.disabledAt === null,
        }),
      },
      tx,
    );
  });
}
