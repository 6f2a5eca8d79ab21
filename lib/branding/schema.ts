import { z } from "zod";
import { checkBrandColour, HEX_COLOUR } from "@/lib/branding/contrast";

// The branding form's fields, shared by the settings forms and the data layer. Messages are i18n keys
// (lib/i18n/areas/branding.ts). An empty field means "not set": the environment's default, or for a
// system, the environment's value (field by field).

const optional = <T extends z.ZodType<unknown, string>>(inner: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(inner.nullable());

export const brandColourSchema = z
  .string()
  .regex(HEX_COLOUR, "brand.errors.colourFormat")
  .transform((v) => v.toLowerCase())
  .refine((v) => checkBrandColour(v).ok, "brand.errors.contrast");

export const brandingFieldsSchema = z.object({
  displayName: optional(z.string().max(80, "errors.tooLong")),
  colour: optional(brandColourSchema),
  supportEmail: optional(z.string().max(254, "errors.tooLong").pipe(z.email("brand.errors.email"))),
  // Digits with the usual separators and an optional +: what a person can dial, not a full E.164 check.
  supportPhone: optional(
    z
      .string()
      .max(30, "errors.tooLong")
      .regex(/^\+?[0-9][0-9 ().-]{4,}[0-9]$/, "brand.errors.phone"),
  ),
  // Shown to customers as a link: https only, so a support link never sends them to a plain-text page.
  supportUrl: optional(z.url({ protocol: /^https$/, error: "brand.errors.url" }).max(500, "errors.tooLong")),
  /** Drop the stored logo (a new upload replaces it anyway). */
  removeLogo: z.boolean().default(false),
});
export type BrandingFields = z.output<typeof brandingFieldsSchema>;
export type BrandingFieldsInput = z.input<typeof brandingFieldsSchema>;

export const environmentBrandingSchema = brandingFieldsSchema.extend({ id: z.uuid() });
export const systemBrandingSchema = brandingFieldsSchema.extend({ id: z.uuid() });
export const resetBrandingSchema = z.object({ id: z.uuid() });

/** The text fields, in the order forms and audit records list them. */
export const BRANDING_TEXT_FIELDS = ["displayName", "colour", "supportEmail", "supportPhone", "supportUrl"] as const;
export type BrandingTextField = (typeof BRANDING_TEXT_FIELDS)[number];
