"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { createApiKey, revokeApiKey } from "@/lib/apikeys/write";
import { CreateApiKeySchema } from "@/lib/apikeys/schema";

export const createApiKeyAction = action(
  "apikeys.manage",
  CreateApiKeySchema.extend({
    expiresInDays: z.preprocess(
      (v) => (v === "" || v == null ? undefined : Number(v)),
      CreateApiKeySchema.shape.expiresInDays,
    ),
  }),
  (f) => ({ name: f.get("name"), scopes: f.getAll("scopes"), expiresInDays: f.get("expiresInDays") }),
  async (input, scope) => {
    const key = await createApiKey(scope, input);
    revalidatePath("/api-keys");
    // Shown once: the form keeps it until the page is left, the database never had it.
    return {
      result: { secret: key.secret, prefix: key.prefix },
      message: {
        nb: `Nøkkelen «${key.name}» er laget. Kopier den nå; den vises ikke igjen.`,
        en: `The key “${key.name}” was created. Copy it now; it will not be shown again.`,
      },
    };
  },
);

export const revokeApiKeyAction = action(
  "apikeys.manage",
  z.object({ id: z.uuid() }),
  (f) => ({ id: f.get("id") }),
  async (input, scope) => {
    await revokeApiKey(scope, input.id);
    revalidatePath("/api-keys");
    return { message: { nb: "Nøkkelen er trukket tilbake.", en: "The key was revoked." } };
  },
);
