"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { generateSigningKey, importSigningKey } from "@/lib/keys/create";
import { activateSigningKey, registerKeyAtDigdir, retireSigningKey, verifySigningKey } from "@/lib/keys/rotation";
import { testConnection } from "@/lib/environments/connection-test";

export const generateKeyAction = action(
  "keys.manage",
  z.object({ bits: z.enum(["2048", "3072"]).default("2048") }),
  (f) => ({ bits: f.get("bits") ?? undefined }),
  async (input, { actor, environment }) => {
    const key = await generateSigningKey({ actor, environment }, { bits: input.bits === "3072" ? 3072 : 2048 });
    revalidatePath("/environment");
    const message =
      key.state === "active"
        ? {
            nb: `Ny nøkkel ${key.kid} er laget og signerer fra nå. Registrer den offentlige nøkkelen hos Digdir.`,
            en: `New key ${key.kid} generated; it signs from now on. Register the public key with Digdir.`,
          }
        : {
            nb: `Ny nøkkel ${key.kid} er laget som «neste». Registrer den hos Digdir, bekreft og aktiver den.`,
            en: `New key ${key.kid} generated as "next". Register it with Digdir, verify and activate it.`,
          };
    return { result: { kid: key.kid }, message };
  },
);

export const testConnectionAction = action(
  "environments.test",
  z.object({}),
  () => ({}),
  async (_input, { actor, environment }) => {
    const checks = await testConnection({ actor, environment });
    // Form state carries strings only; the client parses this back with zod.
    return { result: { checks: JSON.stringify(checks) } };
  },
);

export const importKeyAction = action(
  "keys.manage",
  z.object({
    key: z.string().trim().min(1, "errors.required").max(20_000, "errors.tooLong"),
    kid: z.string().trim().max(100, "errors.tooLong").optional(),
    expiresAt: z.iso
      .date("keys.expiresAtFormat")
      .transform((d) => new Date(`${d}T23:59:59Z`))
      .optional(),
  }),
  (f) => ({
    key: f.get("key"),
    kid: f.get("kid") || undefined,
    expiresAt: f.get("expiresAt") || undefined,
  }),
  async (input, { actor, environment }) => {
    const key = await importSigningKey({ actor, environment }, input);
    revalidatePath("/environment");
    return { message: { nb: `Nøkkelen ${key.kid} er importert.`, en: `Key ${key.kid} imported.` } };
  },
);

const STEPS = {
  register: registerKeyAtDigdir,
  verify: verifySigningKey,
  activate: activateSigningKey,
  retire: retireSigningKey,
} as const;
const DONE = {
  register: {
    nb: "Nøkkelen er lastet opp til Digdir og bekreftet av Maskinporten. Neste steg: aktiver den.",
    en: "The key was uploaded to Digdir and verified by Maskinporten. Next step: activate it.",
  },
  verify: {
    nb: "Maskinporten godtok en forespørsel signert med nøkkelen. Neste steg: aktiver den.",
    en: "Maskinporten accepted a grant signed with the key. Next step: activate it.",
  },
  activate: {
    nb: "Nøkkelen signerer nå. Den gamle er «på vei ut»: pensjoner den når ingen andre systemer bruker den.",
    en: 'The key signs now. The old one is "retiring": retire it once no other system uses it.',
  },
  retire: { nb: "Nøkkelen er pensjonert.", en: "The key is retired." },
};

/** One step of the guided rotation on one key. */
export const keyStepAction = action(
  "keys.manage",
  z.object({ keyId: z.uuid(), step: z.enum(["register", "verify", "activate", "retire"]) }),
  (f) => ({ keyId: f.get("keyId"), step: f.get("step") }),
  async (input, { actor, environment }) => {
    const outcome = await STEPS[input.step]({ actor, environment }, input.keyId);
    revalidatePath("/environment");
    revalidatePath("/");
    if ("removedAtDigdir" in outcome && !outcome.removedAtDigdir) {
      return {
        message: {
          nb: "Nøkkelen er pensjonert her. Fjern den også fra klienten i Digdirs selvbetjening.",
          en: "The key is retired here. Remove it from the client in Digdir's self-service too.",
        },
      };
    }
    return { message: DONE[input.step] };
  },
);
