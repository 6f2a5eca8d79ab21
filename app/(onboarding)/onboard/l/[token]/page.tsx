import { resolveOnboardingLink } from "@/lib/onboarding/links";
import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";
import { explainCode } from "@/lib/integrations/altinn/problems";
import { dateLocale, isMessageKey } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { Button } from "@/components/ui/button";
import { BrandFrame } from "@/components/brand-frame";
import { resolveBranding } from "@/lib/branding/queries";
import { ForwardForm } from "./_components/forward-form";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ error?: string; forward?: string }> };

/** A customer's own signed link: the org is fixed by the link, so there is nothing to type. */
export default async function LinkPage({ params, searchParams }: Props) {
  const [{ token }, query, { t, locale }] = await Promise.all([params, searchParams, getT()]);
  const link = await resolveOnboardingLink(decodeURIComponent(token));
  if (!link) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("ob.link.invalid.title")}</h1>
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-4 text-red-900">
          {t("ob.link.invalid.body")}
        </p>
      </>
    );
  }
  const vars = { system: link.system.name[locale], org: link.maskedOrgNo };
  const branding = await resolveBranding(link.system.environmentId, link.system.id);
  // Only codes travel in the URL; the words shown are ours.
  const error = query.error
    ? isMessageKey(query.error)
      ? t(query.error)
      : (explainCode(query.error)?.[locale] ?? t("errors.generic"))
    : null;
  return (
    <BrandFrame branding={branding} asks t={t}>
      <h1 className="mb-4 text-2xl font-bold">{t("ob.link.title", vars)}</h1>
      <p className="mb-4">{t("ob.link.intro", vars)}</p>
      <p className="mb-2 font-medium">{t("onboard.packages")}</p>
      <ul className="mb-4 list-disc pl-6">
        {link.system.accessPackages.map((u) => (
          <li key={u}>{getAccessPackage(u)?.name[locale] ?? u}</li>
        ))}
      </ul>
      <p className="mb-6 text-sm text-slate-700">
        {t("ob.link.validUntil", {
          date: link.expiresAt.toLocaleString(dateLocale(locale), { timeZone: "Europe/Oslo" }),
        })}
      </p>
      <form
        method="post"
        action={`/onboard/l/${encodeURIComponent(decodeURIComponent(token))}/start`}
        className="rounded-lg border border-slate-300 bg-white p-6"
      >
        {error && (
          <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
            {error}
          </p>
        )}
        <Button type="submit">{t("onboard.submit")}</Button>
      </form>
      <ForwardForm token={decodeURIComponent(token)} locale={locale} outcome={query.forward} t={t} />
    </BrandFrame>
  );
}
