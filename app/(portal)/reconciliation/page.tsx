import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { reconciliationOverview } from "@/lib/reconciliation/queries";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { LiveRefresh } from "@/components/live-refresh";
import { Card, PageHeader } from "@/components/ui/page-header";
import { FindingFix, ReonboardButton, RunNowButton } from "./_components/finding-buttons";

export default async function ReconciliationPage() {
  const [{ t, locale }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  const { open, resolved, lastRun } = await reconciliationOverview({ actor, environment });
  const manage = can(actor.role, "reconciliation.manage");
  const fmt = (d: Date) => d.toLocaleString(dateLocale(locale));
  const systemName = (s: (typeof open)[number]["system"]) =>
    s ? `${(s.name as Record<string, string>)[locale]} (${s.systemId})` : "–";
  const customer = (f: (typeof open)[number]) =>
    f.customerId ? (
      <Link className="text-brand-700 underline" href={`/customers/${f.customerId}`}>
        <span className="font-mono">{f.orgNo}</span>
        {f.customerName ? ` · ${f.customerName}` : ""}
      </Link>
    ) : (
      <span>
        <span className="font-mono">{f.orgNo}</span> ({t("recon.unknownCustomer")})
      </span>
    );
  const choices = (kind: (typeof open)[number]["kind"]) =>
    kind === "unknown_system_user"
      ? [
          { how: "adopt" as const, label: t("recon.fix.adopt") },
          { how: "ignore" as const, label: t("recon.fix.ignore") },
        ]
      : [
          {
            how: "fix" as const,
            label: t(kind === "system_user_deleted" ? "recon.fix.markDeleted" : "recon.fix.forget"),
          },
        ];
  return (
    <>
      <PageHeader title={t("recon.title")}>{manage && <RunNowButton />}</PageHeader>
      <LiveRefresh />
      <p className="mb-4 max-w-3xl text-sm">{t("recon.intro")}</p>
      <Card title={t("recon.lastRun")}>
        {!lastRun ? (
          <p>{t("recon.never")}</p>
        ) : (
          <div data-testid="last-run" data-status={lastRun.status}>
            <p>
              {t("recon.runSummary", {
                when: fmt(lastRun.startedAt),
                status: t(`recon.status.${lastRun.status}`),
                systems: lastRun.systems,
                opened: lastRun.opened,
                resolved: lastRun.resolved,
              })}
            </p>
            {lastRun.status === "failed" && (
              <p role="alert" className="mt-2 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
                {t("recon.failed", { systems: lastRun.failedSystems.join(", ") || (lastRun.error ?? "–") })}
              </p>
            )}
          </div>
        )}
      </Card>
      <Card title={t("recon.open", { count: open.length })}>
        {open.length === 0 ? (
          <p>{t("recon.none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2">
                  {t("recon.col.kind")}
                </th>
                <th scope="col">{t("recon.col.customer")}</th>
                <th scope="col">{t("recon.col.system")}</th>
                <th scope="col">{t("recon.col.seen")}</th>
                {manage && <th scope="col">{t("recon.col.fix")}</th>}
              </tr>
            </thead>
            <tbody>
              {open.map((f) => (
                <tr
                  key={f.id}
                  className="border-b border-slate-200 align-top"
                  data-testid="finding"
                  data-kind={f.kind}
                  data-altinn-id={f.altinnId}
                >
                  <td className="py-2">
                    {t(`recon.kind.${f.kind}`)}
                    <div className="font-mono text-xs text-slate-700">
                      {f.requestId ? (
                        <Link className="text-brand-700 underline" href={`/requests/${f.requestId}`}>
                          {f.altinnId}
                        </Link>
                      ) : (
                        f.altinnId
                      )}
                    </div>
                  </td>
                  <td>{customer(f)}</td>
                  <td>{systemName(f.system)}</td>
                  <td>
                    {fmt(f.firstSeenAt)}
                    <br />
                    {fmt(f.lastSeenAt)}
                  </td>
                  {manage && (
                    <td className="py-2">
                      <FindingFix
                        id={f.id}
                        choices={choices(f.kind)}
                        context={`${t(`recon.kind.${f.kind}`)} ${f.orgNo}`}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {resolved.length > 0 && (
        <Card title={t("recon.resolvedTitle")}>
          <ul className="space-y-3 text-sm">
            {resolved.map((f) => (
              <li
                key={f.id}
                data-testid="resolved-finding"
                data-kind={f.kind}
                data-altinn-id={f.altinnId}
                data-resolution={f.resolution ?? ""}
                className="flex flex-wrap items-center gap-3"
              >
                <span>
                  {t(`recon.kind.${f.kind}`)} · {customer(f)} · {systemName(f.system)}
                </span>
                <span className="text-slate-700">
                  {t("recon.resolvedBy", {
                    how: t(`recon.resolution.${f.resolution ?? "auto"}`),
                    when: f.resolvedAt ? fmt(f.resolvedAt) : "",
                    who: f.resolvedByLabel ?? "–",
                  })}
                </span>
                {manage && f.kind === "system_user_deleted" && f.resolution === "fixed" && (
                  <ReonboardButton id={f.id} context={f.orgNo} />
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}
