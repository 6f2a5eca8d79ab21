import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { currentEnvironment } from "@/lib/current-environment";
import { selfServiceUrl } from "@/lib/dal/environments";
import { listKeys } from "@/lib/dal/keys";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { GenerateKeyForm } from "./_components/generate-key-form";
import { TestConnectionForm } from "./_components/test-connection-form";
import { ImportKeyForm } from "./_components/import-key-form";

export default async function EnvironmentPage() {
  const [{ t, locale }, actor] = await Promise.all([getT(), requireActor()]);
  const environment = await currentEnvironment(actor);
  const keys = await listKeys(actor, environment.id);
  const date = (d: Date | null) => (d ? d.toLocaleDateString(locale === "nb" ? "nb-NO" : "en-GB") : t("keys.never"));
  const facts = [
    [t("env.vendor"), environment.vendorOrgNo], [t("env.clientId"), environment.clientId],
    [t("env.scopes"), environment.scopes.join(" ")], [t("env.issuer"), environment.maskinportenIssuer], [t("env.altinn"), environment.altinnBaseUrl],
  ];
  return (
    <>
      <PageHeader title={t("env.title", { name: environment.name })}>
        <span className="rounded bg-slate-200 px-2 py-1 text-sm">{t(`env.kind.${environment.kind}`)}</span>
        <a href={`/environments/${environment.slug}`} className="text-brand-700 underline">{t("envs.editSettings")}</a>
      </PageHeader>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          {facts.map(([k, v]) => [<dt key={`${k}-t`} className="font-medium">{k}</dt>, <dd key={`${k}-d`} className="break-all font-mono text-sm">{v}</dd>])}
        </dl>
        {can(actor.role, "environments.test") && <div className="mt-4"><TestConnectionForm environmentId={environment.id} /></div>}
      </Card>
      <Card title={t("keys.title")}>
        {can(actor.role, "keys.manage") && <><GenerateKeyForm environmentId={environment.id} /><ImportKeyForm environmentId={environment.id} /></>}
        <p className="mb-4 text-sm text-slate-700">{t("keys.privateNote")}</p>
        {keys.length === 0 ? <p>{t("keys.none")}</p> : (
          <>
            <p className="mb-2 text-sm">
              {t("keys.register")}{" "}
              <a className="text-brand-700 underline" href={selfServiceUrl(environment)} target="_blank" rel="noreferrer">{t("keys.selfservice")}</a>{" · "}
              <a className="text-brand-700 underline" href="/api/environment/jwks" download>{t("keys.download")}</a>
            </p>
            <ul className="space-y-4">
              {keys.map((k) => {
                const jwk = JSON.stringify(k.publicJwk, null, 2);
                return (
                  <li key={k.id} className="rounded-md border border-slate-300 p-4">
                    <p className="font-mono text-sm font-semibold">{k.kid}</p>
                    <p className="text-sm text-slate-700">{t("keys.state")}: {k.state} · {t("keys.expires")}: {date(k.expiresAt)} · {t("keys.lastUsed")}: {date(k.lastUsedAt)}</p>
                    <details className="mt-2">
                      <summary className="cursor-pointer text-sm text-brand-700">{t("keys.public")}</summary>
                      <pre aria-label={`${t("keys.public")} ${k.kid}`} className="mt-2 overflow-x-auto rounded bg-slate-100 p-3 text-xs">{jwk}</pre>
                    </details>
                    <div className="mt-2"><CopyButton text={jwk} label={`${t("keys.copy")} JWK`} /></div>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </Card>
    </>
  );
}
