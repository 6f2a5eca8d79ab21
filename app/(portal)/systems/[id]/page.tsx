import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { auditHref } from "@/lib/audit/search-schema";
import { callbackUrl } from "@/lib/requests/create-in-altinn";
import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";
import { onboardingLink } from "@/lib/onboarding/public-url";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { Card, PageHeader } from "@/components/ui/page-header";
import { RedirectChecker } from "./_components/redirect-checker";
import { DeleteSystemForm } from "./_components/delete-form";
import { loadSystemForPage } from "./load-system";
import { ChangeRequestsCard } from "./_components/change-requests-card";
import { OpenOnboardingCard } from "./_components/open-onboarding-card";
import { getEnvironmentBranding, getSystemBranding } from "@/lib/branding/queries";
import { BrandingSection } from "@/components/branding-section";
import { resetSystemBrandingAction, saveSystemBrandingAction } from "./branding-actions";
import { ReadinessCard } from "./_components/readiness-card";

const linkButton =
  "rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100";

export default async function SystemPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, actor] = await Promise.all([params, getT(), requireActor()]);
  const { system, environment } = await loadSystemForPage(actor, id);
  const link = onboardingLink(environment.slug, system.systemId);
  const [branding, envBranding] = await Promise.all([
    getSystemBranding({ actor, environment }, system.id),
    getEnvironmentBranding(actor, environment.id),
  ]);
  const manage = can(actor.role, "systems.manage") && !system.deletedAt;
  const when = (d: Date) => d.toLocaleString(dateLocale(locale));
  const list = (items: string[]) =>
    items.length ? (
      <ul className="list-disc pl-5">
        {items.map((i) => (
          <li key={i} className="break-all font-mono text-sm">
            {i}
          </li>
        ))}
      </ul>
    ) : (
      t("sysreg.none")
    );
  return (
    <>
      <PageHeader title={system.name[locale]}>
        <div className="flex flex-wrap gap-2">
          {manage && (
            <Link href={`/systems/${id}/edit`} className={linkButton}>
              {t("sysreg.edit")}
            </Link>
          )}
          {can(actor.role, "systems.manage") && (
            <Link href={`/systems/${id}/sync`} className={linkButton}>
              {t("sysreg.page.sync")}
            </Link>
          )}
          {can(actor.role, "systems.manage") && environment.kind !== "production" && (
            <Link href={`/systems/${id}/promote`} className={linkButton}>
              {t("promotion.link")}
            </Link>
          )}
          <Link href={`/systems/${id}/history`} className={linkButton}>
            {t("sysreg.page.history")}
          </Link>
          {can(actor.role, "audit.read") && (
            <Link href={auditHref({ system: system.systemId })} className={linkButton}>
              {t("audit.trail.link")}
            </Link>
          )}
        </div>
      </PageHeader>
      {system.deletedAt && (
        <p role="status" className="mb-6 rounded-md border border-slate-500 bg-slate-100 p-4 text-slate-900">
          {t("sysreg.page.deleted", { date: when(system.deletedAt) })}
        </p>
      )}
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("systems.id")}</dt>
          <dd className="font-mono">{system.systemId}</dd>
          <dt className="font-medium">{t("systems.registered")}</dt>
          <dd className="font-mono">{system.altinnInternalId ?? t("common.no")}</dd>
          <dt className="font-medium">{t("sysreg.field.isVisible")}</dt>
          <dd>{system.isVisible ? t("sysreg.yes") : t("sysreg.no")}</dd>
          <dt className="font-medium">{t("sysreg.page.redirects")}</dt>
          <dd>{list(system.redirectUrls)}</dd>
          <dt className="font-medium">{t("sysreg.page.clientIds")}</dt>
          <dd>{list(system.clientIds)}</dd>
          <dt className="font-medium">{t("systems.packages")}</dt>
          <dd>
            <ul className="list-disc pl-5">
              {system.accessPackages.map((u) => (
                <li key={u}>
                  {getAccessPackage(u)?.name[locale] ?? u} <span className="font-mono text-xs text-slate-700">{u}</span>
                </li>
              ))}
            </ul>
          </dd>
          <dt className="font-medium">{t("sysreg.field.rights")}</dt>
          <dd>{list(system.rights)}</dd>
          <dt className="font-medium">{t("sysreg.page.syncedAt")}</dt>
          <dd>{system.syncedAt ? when(system.syncedAt) : t("sysreg.page.never")}</dd>
        </dl>
      </Card>
      <ReadinessCard scope={{ actor, environment }} systemId={system.id} t={t} locale={locale} />
      {!system.deletedAt && (
        <>
          <OpenOnboardingCard id={system.id} open={system.openOnboarding} link={link} manage={manage} t={t} />
          <Card title={t("sysreg.check.title")}>
            <RedirectChecker allowed={system.redirectUrls} suggestion={callbackUrl("example")} />
          </Card>
        </>
      )}
      {!system.deletedAt && (
        <BrandingSection
          id={system.id}
          mode="system"
          stored={branding}
          inherited={envBranding}
          systemName={system.name[locale]}
          canEdit={manage}
          save={saveSystemBrandingAction}
          reset={resetSystemBrandingAction}
          t={t}
        />
      )}
      {!system.deletedAt && <ChangeRequestsCard scope={{ actor, environment }} systemId={system.id} t={t} />}
      {manage && (
        <Card title={t("sysreg.delete.title")}>
          <DeleteSystemForm id={system.id} systemId={system.systemId} />
        </Card>
      )}
    </>
  );
}
