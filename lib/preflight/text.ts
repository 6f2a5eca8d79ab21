import type { Locale, Translate } from "@/lib/i18n";
import type { Check } from "@/lib/preflight/checks";
import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";

/** One check in plain words; a package finding names the package in the reader's language. */
export function checkText(t: Translate, locale: Locale, c: Check): string {
  const pkg = c.pkg
    ? `«${c.pkg.name?.[locale] ?? getAccessPackage(c.pkg.urn)?.name[locale] ?? c.pkg.urn}» (${c.pkg.urn})`
    : "";
  return t(c.key, { ...c.params, pkg });
}
