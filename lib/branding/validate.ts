import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/core/errors";
import { translator, type Locale } from "@/lib/i18n";
import { checkBrandColour, formatRatio, HEX_COLOUR } from "@/lib/branding/contrast";
import { sniffLogo, MAX_LOGO_BYTES, type LogoType } from "@/lib/branding/logo";
import { brandingFieldsSchema, type BrandingFields, type BrandingFieldsInput } from "@/lib/branding/schema";

export type NewLogo = { bytes: Uint8Array<ArrayBuffer>; type: LogoType; hash: string };
export type CheckedBranding = { fields: BrandingFields; logo: NewLogo | null };

const LOGO_ERRORS = {
  svg: "brand.errors.logoSvg",
  type: "brand.errors.logoType",
  size: "brand.errors.logoSize",
  empty: "brand.errors.logoEmpty",
} as const;

/**
 * Every rule, fields and logo alike, before anything is written: one save is all or nothing, and the admin
 * learns every problem at once (a bad logo beside a good colour saves neither). The message names the
 * contrast ratios it measured, so "too light" is never a guess.
 */
export function checkBranding(raw: BrandingFieldsInput, upload: Uint8Array<ArrayBuffer> | null): CheckedBranding {
  const parsed = brandingFieldsSchema.safeParse(raw);
  const errors: Record<string, string[]> = {};
  if (!parsed.success)
    for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
  let logo: NewLogo | null = null;
  if (upload && upload.length > 0) {
    const sniff = sniffLogo(upload);
    if (sniff.ok) logo = { bytes: upload, type: sniff.type, hash: createHash("sha256").update(upload).digest("hex") };
    else errors.logo = [LOGO_ERRORS[sniff.reason]];
  }
  if (!parsed.success || errors.logo) throw brandingRefused(errors, raw.colour);
  return { fields: parsed.data, logo };
}

function brandingRefused(errors: Record<string, string[]>, colour: unknown): AppError {
  const say = (locale: Locale) => {
    const t = translator(locale);
    const parts = [t("brand.refused")];
    const c = typeof colour === "string" ? colour.trim() : "";
    if (errors.colour?.includes("brand.errors.contrast") && HEX_COLOUR.test(c)) {
      const r = checkBrandColour(c);
      parts.push(
        t("brand.errors.contrastDetail", {
          colour: c,
          button: formatRatio(r.onButtonText),
          page: formatRatio(r.onPage),
        }),
      );
    }
    if (errors.logo?.[0]) parts.push(t(errors.logo[0], { kib: MAX_LOGO_BYTES / 1024 }));
    return parts.join(" ");
  };
  return new AppError("invalid_branding", { nb: say("nb"), en: say("en") }, 400, { fieldErrors: errors });
}
