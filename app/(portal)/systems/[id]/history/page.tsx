import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getSystemHistory } from "@/lib/systems/sync";
import { getT } from "@/lib/i18n/server";
import { dateLocale, isMessageKey } from "@/lib/i18n";
import { Card, PageHeader } from "@/components/ui/page-header";
import { loadSystemForPage } from "../load-system";

export default async function SystemHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, actor] = await Promise.all([params, getT(), requireActor()]);
  const { system, environment } = await loadSystemForPage(actor, id);
  // The row's own id: the URL may name the system by Altinn's id instead.
  const history = await getSystemHistory({ actor, environment }, system.id);
  const when = (d: Date | string) => new Date(d).toLocaleString(dateLocale(locale));
  const change = (type: string) => (isMessageKey(`sysreg.change.${type}`) ? t(`sysreg.change.${type}`) : type);
  const th = "py-2 pr-2";
  return (
    <>
      <PageHeader title={`${t("sysreg.history.title")}: ${system.name[locale]}`}>
        <Link href={`/systems/${id}`} className="text-brand-700 underline">
          {t("sysreg.back")}
        </Link>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("sysreg.history.altinn")}>
          {history.changelogError ? (
            <p role="alert" className="text-red-800">
              {t("sysreg.history.altinnError", { message: history.changelogError.userMessage[locale] })}
            </p>
          ) : !history.changelog?.length ? (
            <p>{t("sysreg.history.empty")}</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className={th}>
                    {t("sysreg.history.when")}
                  </th>
                  <th scope="col" className={th}>
                    {t("sysreg.history.what")}
                  </th>
                  <th scope="col">{t("sysreg.history.who")}</th>
                </tr>
              </thead>
              <tbody>
                {history.changelog.map((e, i) => (
                  <tr key={`${e.created}-${i}`} className="border-b border-slate-200">
                    <td className={th}>{when(e.created)}</td>
                    <td className={th}>{change(e.changeType)}</td>
                    <td className="font-mono text-xs">
                      {e.changedByOrgNumber}
                      {e.clientId ? ` · ${e.clientId}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title={t("sysreg.history.portal")}>
          {history.audit === null ? (
            <p>{t("sysreg.history.noAudit")}</p>
          ) : !history.audit.length ? (
            <p>{t("sysreg.history.empty")}</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className={th}>
                    {t("sysreg.history.when")}
                  </th>
                  <th scope="col" className={th}>
                    {t("sysreg.history.what")}
                  </th>
                  <th scope="col" className={th}>
                    {t("sysreg.history.who")}
                  </th>
                  <th scope="col">{t("sysreg.history.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {history.audit.map((a) => (
                  <tr key={a.seq} className="border-b border-slate-200">
                    <td className={th}>{when(a.at)}</td>
                    <td className={`${th} font-mono text-xs`}>{a.action}</td>
                    <td className={th}>{a.actorLabel}</td>
                    <td>
                      {a.outcome}
                      {a.outcome === "failure" && a.detail && typeof a.detail === "object" && "code" in a.detail
                        ? ` (${String(a.detail.code)})`
                        : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}
