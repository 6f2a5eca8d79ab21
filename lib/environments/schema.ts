import { z } from "zod";
import { orgNoSchema } from "@/lib/requests/schema";

// Messages are i18n keys (lib/i18n/areas/environments.ts); forms translate them.

/** Hosts and URLs of tt02 and production (CONTRACT §0), prefilled when an admin adds an environment. */
export const ENVIRONMENT_PRESETS = {
  test: {
    maskinportenIssuer: "https://test.maskinporten.no/",
    maskinportenTokenUrl: "https://test.maskinporten.no/token",
    altinnBaseUrl: "https://platform.tt02.altinn.no",
    confirmUrlHosts: ["am.ui.tt02.altinn.no"],
    digdirApiUrl: "",
    idportenIssuer: "https://test.idporten.no",
  },
  production: {
    maskinportenIssuer: "https://maskinporten.no/",
    maskinportenTokenUrl: "https://maskinporten.no/token",
    altinnBaseUrl: "https://platform.altinn.no",
    confirmUrlHosts: ["am.ui.altinn.no"],
    digdirApiUrl: "https://integrasjon.difi.no",
    idportenIssuer: "https://idporten.no",
  },
} as const;

export const EDITABLE_KINDS = ["test", "production"] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];

/** Lists arrive from forms as text (spaces, commas or lines) and from code as arrays. */
const list = (item: z.ZodType<string, string>) =>
  z.union([z.string().transform((v) => v.split(/[\s,]+/).filter(Boolean)), z.array(z.string())]).pipe(z.array(item));
const unique = (values: string[]) => new Set(values).size === values.length;

const httpsUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && new URL(v).protocol === "https:", "envs.errors.https");
/** Empty means "not set"; stored as null. */
const optional = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([z.literal("").transform(() => null), z.null(), schema])
    .optional()
    .transform((v) => v ?? null);

export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "envs.errors.slug");

/** host or host:port, lowercase; https' default port is dropped so it compares with URL.host. */
const hostSchema = z
  .string()
  .transform((h) => h.trim().toLowerCase().replace(/:443$/, ""))
  .refine(
    (h) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/.test(h) && h.length <= 260,
    "envs.errors.host",
  );

const scopeSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9:._/-]{0,199}$/, "envs.errors.scope");

export const serviceOwnerUrlSchema = httpsUrl.refine((v) => v.includes("{orgNo}"), "envs.errors.orgNoPlaceholder");

/** Settings every kind may change, the emulator included. */
const settings = {
  name: z.string().trim().min(1, "errors.required").max(80, "errors.tooLong"),
  vendorOrgNo: orgNoSchema,
  clientId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, "errors.clientIdFormat"),
  scopes: list(scopeSchema)
    .refine((s) => s.length > 0, "envs.errors.scopesRequired")
    .refine(unique, "envs.errors.duplicate"),
  confirmUrlHosts: list(hostSchema)
    .refine((h) => h.length > 0, "envs.errors.hostsRequired")
    .refine(unique, "envs.errors.duplicate"),
  systemUserScopes: list(scopeSchema).refine(unique, "envs.errors.duplicate").default([]),
};

/** URLs: https only. The emulator's follow EMULATOR_URL, so they are never taken from input for it. */
const urls = {
  maskinportenIssuer: httpsUrl,
  maskinportenTokenUrl: httpsUrl,
  altinnBaseUrl: httpsUrl,
  digdirApiUrl: optional(httpsUrl),
  serviceOwnerTestUrl: optional(serviceOwnerUrlSchema),
  // ID-porten login for client administrators (client delegation, CONTRACT §5.2); empty = off.
  idportenIssuer: optional(httpsUrl),
  idportenClientId: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, "errors.clientIdFormat"),
  ),
};

export const createEnvironmentSchema = z.object({
  slug: slugSchema,
  kind: z.enum(EDITABLE_KINDS, "errors.required"),
  ...settings,
  ...urls,
});
export type CreateEnvironmentInput = z.input<typeof createEnvironmentSchema>;

// Kind and slug are fixed once created: onboarding links and the switcher cookie carry the slug.
export const updateEnvironmentSchema = z.object({ ...settings, ...urls, slugCheck: z.string().trim().optional() });
export const updateEmulatorSchema = z.object({ ...settings, slugCheck: z.string().trim().optional() });
/** The emulator's settings, plus URLs for test and production. */
export type UpdateEnvironmentInput = z.input<typeof updateEmulatorSchema> &
  Partial<z.input<typeof updateEnvironmentSchema>>;
export const URL_FIELDS = [
  "maskinportenIssuer",
  "maskinportenTokenUrl",
  "altinnBaseUrl",
  "digdirApiUrl",
  "serviceOwnerTestUrl",
  "idportenIssuer",
  "idportenClientId",
] as const;

/** What the edit form posts: the emulator's form has no URL fields (`urls: "fixed"`). */
export const updateFormSchema = z.discriminatedUnion("urls", [
  updateEnvironmentSchema.extend({ id: z.uuid(), urls: z.literal("editable") }),
  updateEmulatorSchema.extend({ id: z.uuid(), urls: z.literal("fixed") }),
]);
