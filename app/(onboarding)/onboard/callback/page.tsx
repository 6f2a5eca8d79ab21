import { completeOnboarding } from "@/lib/dal/onboarding";
import { getT } from "@/lib/i18n/server";
import { OutcomeView } from "./_components/outcome-view";

export const dynamic = "force-dynamic";

/** Altinn sends the customer back here; the outcome is read from Altinn server-side, never from the URL. */
export default async function CallbackPage({ searchParams }: { searchParams: Promise<{ ref?: string }> }) {
  const [{ ref }, { t, locale }] = await Promise.all([searchParams, getT()]);
  const outcome = await completeOnboarding(typeof ref === "string" ? ref : "");
  return <OutcomeView outcome={outcome} t={t} locale={locale} />;
}
