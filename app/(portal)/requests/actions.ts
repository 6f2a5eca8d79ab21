"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { createRequestSchema } from "@/lib/requests/schema";
import { createRequest } from "@/lib/requests/create";
import { refreshRequest } from "@/lib/requests/refresh";
import { createOnboardingLink } from "@/lib/onboarding/links";
import { renewRequest } from "@/lib/requests/renew";
import { assertRequestPreflight } from "@/lib/preflight/guard";

export const createRequestAction = action(
  "requests.create",
  createRequestSchema.extend({ ack: z.boolean() }),
  (f) => ({ systemId: f.get("systemId"), orgNo: f.get("orgNo"), kind: f.get("kind") ?? undefined, ack: f.has("ack") }),
  async ({ ack, ...input }, { actor, environment }) => {
    // What Altinn would refuse only later stops here, with the reasons (lib/preflight).
    await assertRequestPreflight({ actor, environment }, input, ack);
    const request = await createRequest({ actor, environment }, input);
    revalidatePath("/requests");
    return { redirectTo: `/requests/${request.id}` };
  },
);

export const refreshRequestAction = action(
  "requests.refresh",
  z.object({ id: z.uuid() }),
  (f) => ({ id: f.get("id") }),
  async (input, { actor, environment }) => {
    await refreshRequest({ actor, environment }, input.id);
    revalidatePath(`/requests/${input.id}`);
  },
);

export const createOnboardingLinkAction = action(
  "requests.create",
  z.object({ id: z.uuid() }),
  (f) => ({ id: f.get("id") }),
  async (input, { actor, environment }) => {
    const link = await createOnboardingLink({ actor, environment }, input.id);
    const at = (l: string) => link.expiresAt.toLocaleString(l, { timeZone: "Europe/Oslo" });
    return {
      result: { url: link.url },
      message: {
        nb: `Ny lenke laget. Den gjelder til ${at("nb-NO")}; eldre lenker for denne kunden virker ikke lenger.`,
        en: `New link created. It is valid until ${at("en-GB")}; older links for this customer no longer work.`,
      },
    };
  },
);

export const renewRequestAction = action(
  "requests.create",
  z.object({ id: z.uuid() }),
  (f) => ({ id: f.get("id") }),
  async (input, { actor, environment }) => {
    const renewed = await renewRequest({ actor, environment }, input.id);
    revalidatePath("/requests");
    return { redirectTo: `/requests/${renewed.id}` };
  },
);
