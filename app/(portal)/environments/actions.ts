"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { createEnvironmentSchema, slugSchema, updateFormSchema } from "@/lib/environments/schema";
import { createEnvironment, updateEnvironment } from "@/lib/environments/write";
import { sectionOf, selectEnvironment } from "@/lib/environments/current";
import { setAutoRenewExpired } from "@/lib/environments/auto-renew";

const SETTINGS = ["name", "vendorOrgNo", "clientId", "scopes", "systemUserScopes"] as const;
const URLS = [
  "maskinportenIssuer",
  "maskinportenTokenUrl",
  "altinnBaseUrl",
  "digdirApiUrl",
  "serviceOwnerTestUrl",
  "idportenIssuer",
  "idportenClientId",
] as const;
// The form calls the allowlist "allowedHosts": the action wrapper never echoes fields named like "confirm…".
const fields = (f: FormData, names: readonly string[]) => ({
  ...Object.fromEntries(names.map((n) => [n, f.get(n) ?? ""])),
  ...(names === SETTINGS ? { confirmUrlHosts: f.get("allowedHosts") ?? "" } : {}),
});

export const createEnvironmentAction = action(
  "environments.manage",
  createEnvironmentSchema,
  (f) => ({ slug: f.get("slug"), kind: f.get("kind"), ...fields(f, SETTINGS), ...fields(f, URLS) }),
  async (input, { actor }) => {
    const created = await createEnvironment(actor, input);
    revalidatePath("/", "layout");
    return { redirectTo: `/environments/${created.slug}` };
  },
);

export const updateEnvironmentAction = action(
  "environments.manage",
  updateFormSchema,
  // The emulator's form has no URL fields; its "urls" marker says so.
  (f) => ({
    id: f.get("id"),
    urls: f.get("urls"),
    slugCheck: f.get("slugCheck") ?? undefined,
    ...fields(f, SETTINGS),
    ...(f.get("urls") === "editable" ? fields(f, URLS) : {}),
  }),
  async (input, { actor }) => {
    const { id, urls, ...settings } = input;
    void urls; // only told the schema which fields to expect
    const { changed } = await updateEnvironment(actor, id, settings);
    revalidatePath("/", "layout");
    return changed.length === 0
      ? { message: { nb: "Ingen endringer å lagre.", en: "No changes to save." } }
      : { message: { nb: `Lagret. Endret: ${changed.join(", ")}.`, en: `Saved. Changed: ${changed.join(", ")}.` } };
  },
);

export const switchEnvironmentAction = action(
  "portal.read",
  z.object({ slug: slugSchema, back: z.string().max(2000).default("/") }),
  (f) => ({ slug: f.get("slug"), back: f.get("back") ?? undefined }),
  async (input, { actor }) => {
    await selectEnvironment(actor, input.slug);
    revalidatePath("/", "layout");
    return { redirectTo: sectionOf(input.back) };
  },
);

export const setAutoRenewAction = action(
  "environments.manage",
  // Like the settings form, this edits the environment the admin opened (`id`), which need not be the current one.
  z.object({ id: z.uuid(), on: z.boolean() }),
  (f) => ({ id: f.get("id"), on: f.get("autoRenewExpired") === "on" }),
  async (input, { actor }) => {
    await setAutoRenewExpired(actor, input.id, input.on);
    revalidatePath("/environments");
    return {
      message: input.on
        ? { nb: "Utløpte forespørsler fornyes nå automatisk.", en: "Expired requests are now renewed automatically." }
        : {
            nb: "Utløpte forespørsler fornyes ikke automatisk.",
            en: "Expired requests are no longer renewed automatically.",
          },
    };
  },
);
