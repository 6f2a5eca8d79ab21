import type { Translate } from "@/lib/i18n";

// What a public page shows of the vendor, shared by the pages themselves (server components) and the
// settings' live preview (a client component), so the preview is the page. No hooks, no server imports.

export type BrandViewProps = {
  name: string | null;
  /** Same-origin path or data: URL (the CSP allows img-src 'self' data:). */
  logoSrc: string | null;
  /** On the pages that start a request: "<vendor> asks for access". */
  asks?: boolean;
  t: Translate;
};

export function BrandHeader({ name, logoSrc, asks, t }: BrandViewProps) {
  if (!name && !logoSrc) return null;
  return (
    <div data-brand="header" className="mb-8 flex items-center gap-4 border-t-4 border-brand-700 pt-4">
      {logoSrc && (
        // A logo of the vendor's own size, from the portal itself: next/image would resize it for nothing.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={logoSrc}
          alt={name ? t("brand.logoAlt", { vendor: name }) : t("brand.field.logo")}
          className="h-12 w-auto max-w-48 object-contain"
        />
      )}
      {name && <p className="text-lg font-semibold">{asks ? t("brand.asks", { vendor: name }) : name}</p>}
    </div>
  );
}

export type Support = { email: string | null; phone: string | null; url: string | null };

export function BrandFooter({ name, support, t }: { name: string | null; support: Support; t: Translate }) {
  if (!support.email && !support.phone && !support.url) return null;
  const link = "text-brand-700 underline";
  return (
    <footer data-brand="support" className="mt-10 border-t border-slate-300 pt-4 text-sm">
      <p className="font-medium">{t("brand.support.title")}</p>
      <p className="mb-1">{name ? t("brand.support.lead", { vendor: name }) : t("brand.support.leadNoName")}</p>
      <ul className="space-y-1">
        {support.email && (
          <li>
            {t("brand.support.email")}:{" "}
            <a className={link} href={`mailto:${support.email}`}>
              {support.email}
            </a>
          </li>
        )}
        {support.phone && (
          <li>
            {t("brand.support.phone")}:{" "}
            <a className={link} href={`tel:${support.phone.replace(/[^+0-9]/g, "")}`}>
              {support.phone}
            </a>
          </li>
        )}
        {support.url && (
          <li>
            {t("brand.support.url")}:{" "}
            <a className={link} href={support.url} rel="noopener noreferrer">
              {support.url}
            </a>
          </li>
        )}
      </ul>
    </footer>
  );
}

/**
 * The brand colour as CSS for a scope: Tailwind's brand-700/800 (buttons, links, the header accent) become
 * the vendor's inside `.brand-scope`. Only a checked #rrggbb ever gets here (schema.ts), so nothing else
 * can reach the stylesheet. Hover darkens it, which only raises the contrast with white text.
 */
export function brandCss(colour: string | null): string | null {
  if (!colour || !/^#[0-9a-f]{6}$/i.test(colour)) return null;
  return `.brand-scope{--color-brand-700:${colour};--color-brand-800:color-mix(in srgb,${colour} 80%,black)}`;
}
