import { notFound } from "next/navigation";
import { findOpenSystem } from "@/lib/systems/queries";
import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";
import { explainCode } from "@/lib/integrations/altinn/problems";
import { isMessageKey } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { Button } from "@/components/ui/button";
import { BrandFrame } from "@/components/brand-frame";
import { resolveBranding } from "@/lib/branding/queries";

type Props = {
  params: Promise<{ env: string; systemId: string }>;
  searchParams: Promise<{ error?: string; orgNo?: string }>;
};

export default async function OnboardPage({ params, searchParams }: Props) {
  const [{ env, systemId }, query, { t, locale }] = await Promise.all([params, searchParams, getT()]);
  // A closed open page is a 404 exactly like a system that does not exist (not-found.tsx beside this page).
  const system = await findOpenSystem(decodeURIComponent(env), decodeURIComponent(systemId));
  if (!system) notFound();
  const name = system.name[locale];
  const branding = await resolveBranding(system.environmentId, system.id);
  // Only codes travel in the URL; the text shown is ours, so a crafted link cannot put words on this page.
  const error = query.error
    ? isMessageKey(query.error)
      ? t(query.error)
      : (explainCode(query.error)?.[locale] ?? t("errors.generic"))
    : null;
  return (
    <BrandFrame branding={branding} asks t={t}>
      <h1 className="mb-4 text-2xl font-bold">{t("onboard.title", { system: name })}</h1>
      <p className="mb-4">{t("onboard.intro", { system: name })}</p>
      <p className="mb-2 font-medium">{t("onboard.packages")}</p>
      <ul className="mb-6 list-disc pl-6">
        {system.accessPackages.map((u) => (
          <li key={u}>{getAccessPackage(u)?.name[locale] ?? u}</li>
        ))}
      </ul>
      <form
        method="post"
        action={`/onboard/${env}/${systemId}/start`}
        className="rounded-lg border border-slate-300 bg-white p-6"
        noValidate
      >
        {error && (
          <p
            id="orgNo-error"
            role="alert"
            className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900"
          >
            {error}
          </p>
        )}
        <label htmlFor="orgNo" className="block text-sm font-medium">
          {t("onboard.orgNo")}
        </label>
        <input
          id="orgNo"
          name="orgNo"
          inputMode="numeric"
          autoComplete="off"
          required
          defaultValue={query.orgNo?.slice(0, 20)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "orgNo-error" : undefined}
          className="mb-4 mt-1 block w-full rounded-md border border-slate-500 px-3 py-2"
        />
        <Button type="submit">{t("onboard.submit")}</Button>
      </form>
    </BrandFrame>
  );
}
