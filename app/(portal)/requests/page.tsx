import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { currentEnvironment } from "@/lib/current-environment";
import { listRequests } from "@/lib/dal/requests";
import { listSystems } from "@/lib/dal/systems";
import { getT } from "@/lib/i18n/server";
import { LiveRefresh } from "@/components/live-refresh";
import { Card, PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { NewRequestForm } from "./_components/new-request-form";

export default async function RequestsPage() {
  const [{ t, locale }, actor] = await Promise.all([getT(), requireActor()]);
  const environment = await currentEnvironment(actor);
  const [requests, systems] = await Promise.all([listRequests(actor, environment.id), listSystems(actor, environment.id)]);
  const registered = systems.filter((s) => s.altinnInternalId && !s.deletedAt);
  return (
    <>
      <PageHeader title={t("requests.title")} />
      <LiveRefresh />
      {can(actor.role, "requests.create") && (
        <Card title={t("requests.new")}>
          {registered.length === 0 ? <p>{t("requests.needSystem")}</p> : <NewRequestForm systems={registered.map((s) => ({ id: s.id, label: `${s.name[locale]} (${s.systemId})` }))} />}
        </Card>
      )}
      <Card>
        {requests.length === 0 ? <p>{t("requests.none")}</p> : (
          <table className="w-full text-left text-sm">
            <thead><tr className="border-b border-slate-300">
              <th scope="col" className="py-2">{t("requests.customer")}</th><th scope="col">{t("requests.system")}</th>
              <th scope="col">{t("requests.status")}</th><th scope="col">{t("requests.created")}</th>
            </tr></thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <td className="py-2"><Link className="font-mono text-brand-700 underline" href={`/requests/${r.id}`}>{r.customer.orgNo}</Link></td>
                  <td>{(r.system.name as Record<string, string>)[locale]}{r.kind === "agent" && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-900">{t("agents.kind.badge.agent")}</span>}</td>
                  <td><StatusBadge status={r.status} label={t(`status.${r.status}`)} /></td>
                  <td>{r.createdAt.toLocaleString(locale === "nb" ? "nb-NO" : "en-GB")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
