import Link from "next/link";
import { requireScope } from "@/lib/environments/current";
import { listOutboundCalls, summarizeErrors } from "@/lib/calls/queries";
import { explainCode } from "@/lib/integrations/altinn/problems";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { Card, PageHeader } from "@/components/ui/page-header";

export default async function CallsPage({ searchParams }: { searchParams: Promise<{ errors?: string }> }) {
  const [{ t, locale }, { actor, environment }, query] = await Promise.all([getT(), requireScope(), searchParams]);
  const errorsOnly = query.errors === "1";
  const [calls, errors] = await Promise.all([
    listOutboundCalls({ actor, environment }, { errorsOnly }),
    summarizeErrors({ actor, environment }),
  ]);
  const when = (d: Date) => d.toLocaleString(dateLocale(locale));
  return (
    <>
      <PageHeader title={t("calls.title")}>
        <Link className="text-brand-700 underline" href={errorsOnly ? "/calls" : "/calls?errors=1"}>
          {errorsOnly ? t("calls.showAll") : t("calls.showErrors")}
        </Link>
      </PageHeader>
      <p className="mb-4 text-sm text-slate-700">{t("calls.intro")}</p>
      {errors.length > 0 && (
        <Card title={t("calls.errorsByCode")}>
          <ul className="space-y-2">
            {errors.map((e) => (
              <li key={e.code}>
                <span className="font-mono font-semibold">{e.code}</span> × {e.count}
                {explainCode(e.code) ? ` — ${explainCode(e.code)?.[locale]}` : ""}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card>
        {calls.length === 0 ? (
          <p>{t("calls.none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("calls.title")}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2">
                  {t("audit.when")}
                </th>
                <th scope="col">{t("calls.call")}</th>
                <th scope="col">{t("calls.status")}</th>
                <th scope="col">{t("calls.duration")}</th>
                <th scope="col">{t("calls.trigger")}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((c) => (
                <tr key={c.seq} className="border-b border-slate-200 align-top">
                  <td className="whitespace-nowrap py-2">{when(c.at)}</td>
                  <td className="break-all font-mono text-xs">
                    {c.service} · {c.method} {c.path}
                  </td>
                  <td className={c.status === null || c.status >= 400 ? "font-semibold text-red-800" : ""}>
                    {c.status ?? t("calls.noAnswer")}
                    {c.problemCode ? ` ${c.problemCode}` : ""}
                  </td>
                  <td>{c.durationMs} ms</td>
                  <td className="break-all">{c.triggeredBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
