import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { listKeys } from "@/lib/keys/queries";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { Card, PageHeader } from "@/components/ui/page-header";
import { TestConnectionForm } from "./_components/test-connection-form";
import { KeysCard } from "./_components/keys-card";

export default async function EnvironmentPage() {
  const [{ t, locale }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  const keys = await listKeys({ actor, environment });
  const date = (d: Date | null) => (d ? d.toLocaleDateString(dateLocale(locale)) : t("keys.never"));
  const facts = [
    [t("env.vendor"), environment.vendorOrgNo],
    [t("env.clientId"), environment.clientId],
    [t("env.scopes"), environment.scopes.join(" ")],
    [t("env.issuer"), environment.maskinportenIssuer],
    [t("env.altinn"), environment.altinnBaseUrl],
  ];
  return (
    <>
      <PageHeader title={t("env.title", { name: environment.name })}>
        <span className="rounded bg-slate-200 px-2 py-1 text-sm">{t(`env.kind.${environment.kind}`)}</span>
        <a href={`/environments/${environment.slug}`} className="text-brand-700 underline">
          {t("envs.editSettings")}
        </a>
      </PageHeader>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {facts.map(([k, v]) => [
            <dt key={`${k}-t`} className="font-medium">
              {k}
            </dt>,
            <dd key={`${k}-d`} className="break-all font-mono text-sm">
              {v}
            </dd>,
          ])}
        </dl>
        {can(actor.role, "environments.test") && (
          <div className="mt-4">
            <TestConnectionForm />
          </div>
        )}
      </Card>
      <KeysCard
        environment={environment}
        keys={keys}
        canManage={can(actor.role, "keys.manage")}
        canAudit={can(actor.role, "audit.read")}
        t={t}
        date={date}
      />
    </>
  );
}
