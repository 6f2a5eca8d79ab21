import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { currentEnvironment } from "@/lib/current-environment";
import { listCustomers } from "@/lib/dal/requests";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";

export default async function CustomersPage() {
  const [{ t, locale }, actor] = await Promise.all([getT(), requireActor()]);
  const environment = await currentEnvironment(actor);
  const customers = await listCustomers(actor, environment.id);
  return (
    <>
      <PageHeader title={t("customers.title")} />
      <Card>
        {customers.length === 0 ? <p>{t("customers.none")}</p> : (
          <table className="w-full text-left text-sm">
            <thead><tr className="border-b border-slate-300">
              <th scope="col" className="py-2">{t("customers.orgNo")}</th><th scope="col">{t("requests.status")}</th><th scope="col">{t("customers.systemUsers")}</th>
            </tr></thead>
            <tbody>
              {customers.map((c) => {
                const latest = c.requests[0];
                return (
                  <tr key={c.id} className="border-b border-slate-200 align-top">
                    <td className="py-2 font-mono">{c.orgNo}</td>
                    <td>{latest && <Link href={`/requests/${latest.id}`}><StatusBadge status={latest.status} label={t(`status.${latest.status}`)} /></Link>}</td>
                    <td>
                      {c.systemUsers.length === 0 ? t("customers.noSystemUser") : (
                        <ul>{c.systemUsers.map((u) => (
                          <li key={u.altinnSystemUserId}><span className="font-mono">{u.altinnSystemUserId}</span> · {(u.system.name as Record<string, string>)[locale]}</li>
                        ))}</ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
