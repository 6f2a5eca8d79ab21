"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { generateSigningKey, importSigningKey } from "@/lib/dal/keys";
import { testConnection } from "@/lib/dal/connection-test";

export const generateKeyAction = action(
  "keys.manage",
  z.object({ environmentId: z.uuid() }),
  (f) => ({ environmentId: f.get("environmentId") }),
  async (input, actor) => {
    const key = await generateSigningKey(actor, input.environmentId);
    revalidatePath("/environment");
    return { result: { kid: key.kid }, message: { nb: `Ny nøkkel ${key.kid} er laget. Registrer den offentlige nøkkelen hos Digdir.`, en: `New key ${key.kid} generated. Register the public key with Digdir.` } };
  },
);

export const testConnectionAction = action(
  "environments.test",
  z.object({ environmentId: z.uuid() }),
  (f) => ({ environmentId: f.get("environmentId") }),
  async (input, actor) => {
    const checks = await testConnection(actor, input.environmentId);
    // Form state carries strings only; the client parses this back with zod.
    return { result: { checks: JSON.stringify(checks) } };
  },
);

export const importKeyAction = action(
  "keys.manage",
  z.object({ environmentId: z.uuid(), key: z.string().trim().min(1, "errors.required").max(20_000, "errors.tooLong"), kid: z.string().trim().max(100, "errors.tooLong").optional() }),
  (f) => ({ environmentId: f.get("environmentId"), key: f.get("key"), kid: f.get("kid") || undefined }),
  async (input, actor) => {
    const key = await importSigningKey(actor, input.environmentId, input);
    revalidatePath("/environment");
    return { message: { nb: `Nøkkelen ${key.kid} er importert.`, en: `Key ${key.kid} imported.` } };
  },
);
