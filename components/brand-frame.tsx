import type { ReactNode } from "react";
import { headers } from "next/headers";
import type { ResolvedBranding } from "@/lib/branding/types";
import type { Translate } from "@/lib/i18n";
import { BrandFooter, BrandHeader, brandCss } from "@/components/brand-view";

type Props = { branding: ResolvedBranding | null; asks?: boolean; t: Translate; children: ReactNode };

/**
 * A public page in the vendor's clothes: logo and name on top, the brand colour on the buttons and the
 * accent, support contact below. Without branding the page looks as it always did. The colour arrives as a
 * <style> carrying the request's CSP nonce: the CSP refuses style attributes (lib/core/security-headers.ts).
 */
export async function BrandFrame({ branding, asks, t, children }: Props) {
  const css = brandCss(branding?.colour ?? null);
  const nonce = css ? ((await headers()).get("x-nonce") ?? undefined) : undefined;
  // The logo is served by this portal: a same-origin path, whatever host the browser used.
  const logoSrc = branding?.logoUrl ? new URL(branding.logoUrl).pathname : null;
  const name = branding?.displayName ?? null;
  return (
    <div className="brand-scope">
      {css && <style nonce={nonce}>{css}</style>}
      <BrandHeader name={name} logoSrc={logoSrc} asks={asks} t={t} />
      {children}
      {branding && <BrandFooter name={name} support={branding.support} t={t} />}
    </div>
  );
}
