import { z } from "zod";
import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";
import { isRegistrableRedirectUrl } from "@/lib/systems/redirects";

// Messages are i18n keys (lib/i18n); forms translate them. `sysreg.vld.*` keys are the messages for
// the Altinn validation code the same rule would trigger (lib/integrations/altinn/vld-fields.ts).
const text = (max: number) => z.string().trim().min(1, "errors.required").max(max, "errors.tooLong");

/** Altinn registers a package on a system when some system user could hold it (AUTH.VLD-00008). */
const usablePackage = (urn: string) => {
  const p = getAccessPackage(urn);
  return Boolean(p && (p.isAssignable || p.isDelegable));
};

const texts = {
  nameNb: text(100),
  nameNn: text(100),
  nameEn: text(100),
  descriptionNb: text(1000),
  descriptionNn: text(1000),
  descriptionEn: text(1000),
};

// Whether a resource exists and can be delegated is Altinn's resource registry's call (AUTH.VLD-00003/00017).
const rightList = z
  .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "sysreg.rightFormat"))
  .max(50, "errors.tooLong")
  .refine((ids) => new Set(ids).size === ids.length, "sysreg.vld.00006");

const clientIdList = (duplicateMessage: string) =>
  z
    .union([z.string().transform((v) => v.split(/[\s,]+/).filter(Boolean)), z.array(z.string())])
    .default([])
    .pipe(
      z
        .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, "errors.clientIdFormat"))
        // Altinn compares client ids case-insensitively (AUTH.VLD-00011).
        .refine(
          (ids) => new Set(ids.map((i) => i.toLowerCase())).size === ids.length && ids.length <= 10,
          duplicateMessage,
        ),
    );

export const createSystemSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "errors.systemName"),
    ...texts,
    accessPackages: z
      .array(z.string())
      .min(1, "errors.packageRequired")
      .refine((urns) => urns.every(usablePackage), "errors.packageUnknown")
      .refine((urns) => new Set(urns).size === urns.length, "errors.packageDuplicate"),
    redirectUrl: z.string().trim().min(1, "errors.required"),
    // The form registers one redirect URL; the API registers a vendor's whole list at once.
    extraRedirectUrls: z
      .array(z.string().trim().min(1, "errors.required"))
      .max(19, "sysreg.redirectTooMany")
      .optional(),
    // Altinn lets one Maskinporten client belong to one system only (AUTH.VLD-00004), so each system names its own.
    clientIds: clientIdList("errors.clientIdDuplicate"),
    rights: rightList.optional(),
    isVisible: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.isVisible && hasClientPackage(v.accessPackages))
      ctx.addIssue({ code: "custom", path: ["isVisible"], message: "sysreg.vld.00018" });
  });
export type CreateSystemInput = z.infer<typeof createSystemSchema>;

/** Client packages (regnskapsfører, revisor, forretningsfører) cannot sit on a visible system (AUTH.VLD-00018). */
export const hasClientPackage = (urns: readonly string[]) =>
  urns.some((u) => getAccessPackage(u)?.isAssignable === false);

/**
 * The fields the portal edits on an existing system. Everything else on Altinn's object (rights,
 * properties the portal does not know) is kept by the data layer, since PUT replaces the whole system.
 */
export const editSystemSchema = z
  .object({
    id: z.uuid(),
    ...texts,
    accessPackages: z
      .array(z.string())
      .default([])
      .refine((urns) => urns.every(usablePackage), "sysreg.vld.00008")
      .refine((urns) => new Set(urns).size === urns.length, "sysreg.vld.00007"),
    // One URL a line. Loopback http passes here; the data layer refuses it outside the emulator environment.
    redirectUrls: z
      .union([z.string().transform((v) => v.split(/\s+/).filter(Boolean)), z.array(z.string())])
      .default([])
      .pipe(
        z
          .array(z.string().trim())
          .max(20, "sysreg.redirectTooMany")
          .refine((urls) => urls.every((u) => isRegistrableRedirectUrl(u, true)), "sysreg.vld.00005"),
      ),
    clientIds: clientIdList("sysreg.vld.00011"),
    // Single rights by resource id, one a line; absent means "keep Altinn's rights as they are".
    rights: z
      .union([z.string().transform((v) => v.split(/\s+/).filter(Boolean)), z.array(z.string())])
      .optional()
      .pipe(rightList.optional()),
    isVisible: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.isVisible && hasClientPackage(v.accessPackages))
      ctx.addIssue({ code: "custom", path: ["isVisible"], message: "sysreg.vld.00018" });
  });
export type EditSystemInput = z.input<typeof editSystemSchema>;
export type EditSystem = z.output<typeof editSystemSchema>;

/** Deleting asks the admin to type the system id, so a slip of the mouse deletes nothing. */
export const deleteSystemSchema = z.object({ id: z.uuid(), confirm: z.string().trim().min(1, "errors.required") });

export const syncSystemSchema = z.object({ id: z.uuid(), winner: z.enum(["altinn", "portal"]) });

/** The open onboarding page's switch (system page, admins). */
export const openOnboardingSchema = z.object({ id: z.uuid(), enabled: z.boolean() });
export type OpenOnboardingInput = z.infer<typeof openOnboardingSchema>;
