import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { listRequestPage } from "@/lib/requests/queries";
import { listSystems } from "@/lib/systems/queries";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { LiveRefresh } from "@/components/live-refresh";
import { Card, PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { NewRequestForm } from "./_components/new-request-form";
import { RequestFilters } from "./_components/request-filters";

export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ t, locale }, { actor, environment }, params] = await Promise.all([getT(), requireScope(), searchParams]);
  const [{ requests, nextCursor, filter }, systems] = await Promise.all([
    listRequestPage({ actor, environment }, params),
    listSystems({ actor, environment }),
  ]);
  const kept = { ...(filter.q ? { q: filter.q } : {}), ...(filter.status ? { status: filter.status } : {}) };
  const nextHref = nextCursor ? `?${new URLSearchParams({ ...kept, cursor: nextCursor })}` : null;
  const registered = systems.filter((s) => s.altinnInternalId && !s.deletedAt);
  return (
    <>
      <PageHeader title={t("requests.title")} />
      <LiveRefresh />
      {can(actor.role, "requests.create") && (
        <Card title={t("requests.new")}>
          {registered.length === 0 ? (
            <p>{t("requests.needSystem")}</p>
          ) : (
            <NewRequestForm
              systems={registered.map((s) => ({ id: s.id, label: `${s.name[locale]} (${s.systemId})` }))}
            />
          )}
        </Card>
      )}
      <Card>
        <RequestFilters t={t} filter={filter} />
        {requests.length === 0 ? (
          <p>{t(filter.q || filter.status || filter.cursor ? "requestList.noMatch" : "requests.none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2">
                  {t("requests.customer")}
                </th>
                <th scope="col">{t("requests.system")}</th>
                <th scope="col">{t("requests.status")}</th>
                <th scope="col">{t("requests.created")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <td className="py-2">
                    <Link className="font-mono text-brand-700 underline" href={`/requests/${r.id}`}>
                      {r.customer.orgNo}
                    </Link>
                  </td>
                  <td>
                    {(r.system.name as Record<string, string>)[locale]}
                    {r.kind === "agent" && (
                      <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-900">
                        {t("agents.kind.badge.agent")}
                      </span>
                    )}
                  </td>
                  <td>
                    <StatusBadge status={r.status} label={t(`status.${r.status}`)} />
                  </td>
                  <td>{r.createdAt.toLocaleString(dateLocale(locale))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <nav aria-label={t("requestList.paging")} className="mt-4 flex gap-4 text-sm">
          {filter.cursor && (
            <Link
              className="text-brand-700 underline"
              href={`/requests${Object.keys(kept).length ? `?${new URLSearchParams(kept)}` : ""}`}
            >
              {t("requestList.first")}
            </Link>
          )}
          {nextHref && (
            <Link className="text-brand-700 underline" href={nextHref}>
              {t("requestList.next")}
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
