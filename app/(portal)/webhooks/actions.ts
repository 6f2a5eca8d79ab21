"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { AppError } from "@/lib/core/errors";
import { createWebhookEndpoint, deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { replaySinceSchema, createWebhookEndpointSchema, updateWebhookEndpointSchema } from "@/lib/webhooks/schema";
import { revealWebhookSecret, rotateWebhookSecret } from "@/lib/webhooks/secrets";
import { replayWebhookDelivery, replayWebhooksSince } from "@/lib/webhooks/replay";
import { sendWebhookTestEvent } from "@/lib/webhooks/test-event";

const str = (f: FormData, k: string) => f.get(k) ?? "";
const byId = z.object({ id: z.uuid() });
const done = (id: string) => revalidatePath(`/webhooks/${id}`);

export const createEndpointAction = action(
  "webhooks.manage",
  createWebhookEndpointSchema,
  (f) => ({ url: str(f, "url"), description: str(f, "description"), events: f.getAll("events") }),
  async (input, scope) => {
    const { id } = await createWebhookEndpoint(scope, input);
    revalidatePath("/webhooks");
    return { redirectTo: `/webhooks/${id}` };
  },
);

export const updateEndpointAction = action(
  "webhooks.manage",
  z.object({ id: z.uuid(), ...updateWebhookEndpointSchema.shape }),
  (f) => ({ id: str(f, "id"), url: str(f, "url"), description: str(f, "description"), events: f.getAll("events") }),
  async ({ id, ...input }, scope) => {
    await updateWebhookEndpoint(scope, id, input);
    done(id);
    return { message: { nb: "Mottakeren er lagret.", en: "The endpoint is saved." } };
  },
);

export const setEnabledAction = action(
  "webhooks.manage",
  z.object({ id: z.uuid(), enabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  (f) => ({ id: str(f, "id"), enabled: str(f, "enabled") }),
  async ({ id, enabled }, scope) => {
    await updateWebhookEndpoint(scope, id, { enabled });
    done(id);
  },
);

export const deleteEndpointAction = action(
  "webhooks.manage",
  byId,
  (f) => ({ id: str(f, "id") }),
  async ({ id }, scope) => {
    await deleteWebhookEndpoint(scope, id);
    revalidatePath("/webhooks");
    return { redirectTo: "/webhooks" };
  },
);

// Secrets travel back in `result` (never in `values`, which the wrapper keeps free of secrets).
export const revealSecretAction = action(
  "webhooks.manage",
  byId,
  (f) => ({ id: str(f, "id") }),
  async ({ id }, scope) => {
    const s = await revealWebhookSecret(scope, id);
    return {
      result: {
        secret: s.secret,
        ...(s.previousSecret ? { previousSecret: s.previousSecret } : {}),
        ...(s.previousExpiresAt ? { previousExpiresAt: s.previousExpiresAt.toISOString() } : {}),
      },
    };
  },
);

export const rotateSecretAction = action(
  "webhooks.manage",
  byId,
  (f) => ({ id: str(f, "id") }),
  async ({ id }, scope) => {
    const { secret, previousExpiresAt } = await rotateWebhookSecret(scope, id);
    done(id);
    return { result: { secret, previousExpiresAt: previousExpiresAt.toISOString() } };
  },
);

export const sendTestAction = action(
  "webhooks.manage",
  byId,
  (f) => ({ id: str(f, "id") }),
  async ({ id }, scope) => {
    const { outcome } = await sendWebhookTestEvent(scope, id);
    done(id);
    if (!outcome) return { message: { nb: "Testhendelsen er på vei.", en: "The test event is on its way." } };
    const took = `${outcome.latencyMs} ms`;
    if (outcome.ok)
      return {
        message: {
          nb: `Testhendelsen kom fram: HTTP ${outcome.status} på ${took}.`,
          en: `The test event was delivered: HTTP ${outcome.status} in ${took}.`,
        },
      };
    // Shown as an error; the delivery itself goes on with its retries.
    throw new AppError("webhook_test_failed", {
      nb: `Testhendelsen kom ikke fram (${outcome.error}, ${took}). Den prøves igjen etter planen.`,
      en: `The test event was not delivered (${outcome.error}, ${took}). It will be retried on schedule.`,
    });
  },
);

export const replayDeliveryAction = action(
  "webhooks.manage",
  z.object({ id: z.uuid(), deliveryId: z.uuid() }),
  (f) => ({ id: str(f, "id"), deliveryId: str(f, "deliveryId") }),
  async ({ id, deliveryId }, scope) => {
    await replayWebhookDelivery(scope, deliveryId);
    done(id);
    return { message: { nb: "Sendes på nytt.", en: "Sending again." } };
  },
);

export const replaySinceAction = action(
  "webhooks.manage",
  z.object({ id: z.uuid(), ...replaySinceSchema.shape }),
  (f) => ({ id: str(f, "id"), since: f.get("since") || undefined }),
  async ({ id, since }, scope) => {
    const { queued } = await replayWebhooksSince(scope, id, { since });
    done(id);
    return { message: { nb: `${queued} hendelser sendes på nytt.`, en: `${queued} events are being sent again.` } };
  },
);
