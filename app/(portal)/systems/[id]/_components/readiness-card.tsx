import { Card } from "@/components/ui/page-header";
import { PreflightList } from "@/components/preflight-checks";
import type { Scope } from "@/lib/environments/types";
import type { Locale, Translate } from "@/lib/i18n";
import { systemReadiness } from "@/lib/preflight/run";

/** "Ready for customers: yes / no, and why": what Altinn would refuse only at request or approval time. */
export async function ReadinessCard({
  scope,
  systemId,
  t,
  locale,
}: {
  scope: Scope;
  systemId: string;
  t: Translate;
  locale: Locale;
}) {
  const { ready, kind, checks } = await systemReadiness(scope, systemId);
  const failing = checks.filter((c) => c.verdict === "fail");
  const warnings = checks.filter((c) => c.verdict === "warn");
  return (
    <Card title={t("preflight.title")}>
      <p className={`mb-2 font-semibold ${ready ? "text-green-800" : "text-red-800"}`} data-testid="readiness">
        {ready ? t("preflight.ready") : t("preflight.notReady")}
      </p>
      {failing.length > 0 && <PreflightList checks={failing} t={t} locale={locale} />}
      {warnings.length > 0 && (
        <>
          <p className="mt-3 mb-1 text-sm font-medium">{t("preflight.warnings")}</p>
          <PreflightList checks={warnings} t={t} locale={locale} />
        </>
      )}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer">{t(`preflight.kind.${kind}`)}</summary>
        <div className="mt-2">
          <PreflightList checks={checks.filter((c) => c.verdict === "pass")} t={t} locale={locale} />
        </div>
      </details>
    </Card>
  );
}
