import { can } from "@/lib/auth/permissions";
import { getDashboard } from "@/lib/dashboard/queries";
import { requireScope } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { LiveRefresh } from "@/components/live-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { DashboardAlerts } from "./_components/dashboard-alerts";
import { DashboardApproval } from "./_components/dashboard-approval";
import { DashboardAttention } from "./_components/dashboard-attention";
import { DashboardCalls } from "./_components/dashboard-calls";
import { DashboardChecklist } from "./_components/dashboard-checklist";
import { DashboardFunnel } from "./_components/dashboard-funnel";
import { PublicCapAlert } from "./_components/public-cap-alert";
import { auditChainStatus } from "@/lib/audit/status";
import { ChainStatus } from "./audit/_components/chain-status";

/** The environment at a glance: alerts, what needs doing, then how onboarding and the integrations go. */
export default async function DashboardPage() {
  const [{ t, locale }, scope] = await Promise.all([getT(), requireScope()]);
  // Those who read the audit log see it in red here too when its chain does not hold (ADR 020).
  const [d, chain] = await Promise.all([
    getDashboard(scope),
    can(scope.actor.role, "audit.read") ? auditChainStatus(scope) : null,
  ]);
  const date = (x: Date) => x.toLocaleDateString(dateLocale(locale), { timeZone: "Europe/Oslo" });
  const when = (x: Date) => x.toLocaleString(dateLocale(locale), { timeZone: "Europe/Oslo" });
  // A new environment shows its first steps on top; once they are done they move to the bottom.
  const started = d.steps.key && d.steps.system && d.steps.request && d.steps.accepted;
  const checklist = <DashboardChecklist steps={d.steps} environment={scope.environment.name} t={t} />;
  return (
    <>
      <PageHeader title={t("dashboard.title")} />
      <LiveRefresh />
      {chain && !chain.ok && <ChainStatus status={chain} t={t} locale={locale} />}
      <PublicCapAlert hits={d.capHits} t={t} locale={locale} when={when} />
      <DashboardAlerts keys={d.expiringKeys} hooks={d.failingHooks} t={t} date={date} />
      {!started && checklist}
      <DashboardAttention
        expiring={d.expiring}
        findings={d.findings}
        canRenew={can(scope.actor.role, "requests.create")}
        t={t}
        locale={locale}
        when={date}
      />
      <div className="grid gap-x-6 lg:grid-cols-2">
        <DashboardFunnel funnel={d.funnel} t={t} locale={locale} />
        <DashboardApproval weeks={d.approval} t={t} locale={locale} />
      </div>
      <DashboardCalls calls={d.calls} t={t} locale={locale} />
      {started && checklist}
    </>
  );
}
