import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getSystem } from "@/lib/dal/systems";
import { currentEnvironment } from "@/lib/current-environment";
import { getAccessPackage } from "@/lib/access-packages";
import { onboardingLink } from "@/lib/onboarding-link";
import { getT } from "@/lib/i18n/server";
import { AppError } from "@/lib/errors";
import { Card, PageHeader } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";

export default async function SystemPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, actor] = await Promise.all([params, getT(), requireActor()]);
  const system = await getSystem(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  // Ids are global, so check the system belongs to the environment being looked at: nothing leaks across.
  const environment = await currentEnvironment(actor);
  if (system.environmentId !== environment.id) notFound();
  const link = onboardingLink(environment.slug, system.systemId);
  return (
    <>
      <PageHeader title={system.name[locale]} />
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("systems.id")}</dt><dd className="font-mono">{system.systemId}</dd>
          <dt className="font-medium">{t("systems.registered")}</dt><dd className="font-mono">{system.altinnInternalId ?? t("common.no")}</dd>
          <dt className="font-medium">{t("systems.redirect")}</dt><dd className="break-all font-mono text-sm">{system.redirectUrls.join(", ")}</dd>
          <dt className="font-medium">{t("systems.packages")}</dt>
          <dd><ul className="list-disc pl-5">{system.accessPackages.map((u) => <li key={u}>{getAccessPackage(u)?.name[locale] ?? u} <span className="font-mono text-xs text-slate-700">{u}</span></li>)}</ul></dd>
        </dl>
      </Card>
      <Card title={t("systems.onboardingLink")}>
        <p className="mb-2 break-all font-mono text-sm"><a className="text-brand-700 underline" href={link}>{link}</a></p>
        <CopyButton text={link} />
      </Card>
    </>
  );
}
