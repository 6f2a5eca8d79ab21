import { can } from "@/lib/auth/permissions";
import { listAuditEvents } from "@/lib/audit/queries";
import { auditChainStatus } from "@/lib/audit/status";
import { ChainStatus } from "./_components/chain-status";
import { requireScope } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { Card, PageHeader } from "@/components/ui/page-header";

export default async function AuditPage() {
  const [{ t, locale }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  if (!can(actor.role, "audit.read")) return <p role="alert">{t("errors.forbidden")}</p>;
  const [events, chain] = await Promise.all([
    listAuditEvents(actor, { environmentId: environment.id }),
    auditChainStatus({ actor, environment }),
  ]);
  return (
    <>
      <PageHeader title={t("audit.title")} />
      <p className="mb-4 text-sm text-slate-700">
        {t("audit.intro")} {t("envs.auditScope", { name: environment.name })}
      </p>
      <ChainStatus status={chain} t={t} />
      <Card>
        {events.length === 0 ? (
          <p>{t("audit.none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("audit.title")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2">
                  {t("audit.when")}
                </th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.target")}</th>
                <th scope="col">{t("audit.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.seq} className="border-b border-slate-200 align-top">
                  <td className="whitespace-nowrap py-2">{e.at.toLocaleString(dateLocale(locale))}</td>
                  <td>
                    {e.actorLabel} <span className="text-xs text-slate-700">({e.actorType})</span>
                  </td>
                  <td className="font-mono">{e.action}</td>
                  <td className="break-all font-mono text-xs">
                    {e.targetType}
                    {e.targetId ? `: ${e.targetId}` : ""}
                  </td>
                  <td>
                    {e.outcome === "success" ? (
                      t("audit.success")
                    ) : (
                      <span className="font-semibold text-red-800">
                        {t("audit.failure")}
                        {failureCode(e.detail)}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

/** A failure's code (Altinn's, the portal's) or, for sign-ins, its reason (bad_password, rate_limited, ...). */
function failureCode(detail: unknown): string {
  if (typeof detail !== "object" || !detail) return "";
  const code = "code" in detail ? detail.code : "reason" in detail ? detail.reason : undefined;
  return code === undefined ? "" : ` (${String(code)})`;
}
