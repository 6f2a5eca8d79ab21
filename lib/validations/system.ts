import { z } from "zod";
import { getAccessPackage } from "@/lib/access-packages";

// Messages are i18n keys (lib/i18n); forms translate them.
const text = (max: number) => z.string().trim().min(1, "errors.required").max(max, "errors.tooLong");

export const createSystemSchema = z.object({
  environmentId: z.uuid(),
  name: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,48}$/, "errors.systemName"),
  nameNb: text(100), nameNn: text(100), nameEn: text(100),
  descriptionNb: text(1000), descriptionNn: text(1000), descriptionEn: text(1000),
  accessPackages: z
    .array(z.string())
    .min(1, "errors.packageRequired")
    .refine((urns) => urns.every((u) => getAccessPackage(u)?.isAssignable), "errors.packageUnknown")
    .refine((urns) => new Set(urns).size === urns.length, "errors.packageDuplicate"),
  redirectUrl: z.string().trim().min(1, "errors.required"),
  // Altinn lets one Maskinporten client belong to one system only (AUTH.VLD-00004), so each system names its own.
  clientIds: z
    .union([z.string().transform((v) => v.split(/[\s,]+/).filter(Boolean)), z.array(z.string())])
    .default([])
    .pipe(
      z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, "errors.clientIdFormat"))
        .refine((ids) => new Set(ids).size === ids.length && ids.length <= 10, "errors.clientIdDuplicate"),
    ),
  isVisible: z.boolean().default(false),
});
export type CreateSystemInput = z.infer<typeof createSystemSchema>;
