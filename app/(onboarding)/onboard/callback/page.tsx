import { headers } from "next/headers";
import { completeOnboarding } from "@/lib/onboarding/flow";
import { takePublic } from "@/lib/onboarding/rate-limit";
import { getT } from "@/lib/i18n/server";
import { BrandFrame } from "@/components/brand-frame";
import { resolveBrandingFor } from "@/lib/branding/queries";
import { OutcomeView } from "./_components/outcome-view";

export const dynamic = "force-dynamic";

/** Altinn sends the customer back here; the outcome is read from Altinn server-side, never from the URL. */
export default async function CallbackPage({ searchParams }: { searchParams: Promise<{ ref?: string }> }) {
  const [{ ref }, { t, locale }, h] = await Promise.all([searchParams, getT(), headers()]);
  // Every view asks Altinn, so the page shares the callback's limit (a page cannot answer 429 itself).
  const limit = await takePublic(h, "callback");
  if (!limit.ok) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("ob.rateLimited.title")}</h1>
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
          {t("ob.rateLimited.body", { seconds: limit.retryAfterS })}
        </p>
      </>
    );
  }
  const outcome = await completeOnboarding(typeof ref === "string" ? ref : "");
  // Only a request we found names its vendor; "unknown" and "unavailable" keep the portal's own look.
  const branding = "envSlug" in outcome ? await resolveBrandingFor(outcome.envSlug, outcome.systemId) : null;
  return (
    <BrandFrame branding={branding} t={t}>
      <OutcomeView outcome={outcome} t={t} locale={locale} />
    </BrandFrame>
  );
}
