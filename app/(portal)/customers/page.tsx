import Link from "next/link";
import { cachedEntityFlags } from "@/lib/preflight/names";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { listCustomerTags, searchCustomers } from "@/lib/customers/queries";
import { listSystems } from "@/lib/systems/queries";
import { getT } from "@/lib/i18n/server";
import { LiveRefresh } from "@/components/live-refresh";
import { Card, PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { CustomerFilters } from "./_components/customer-filters";
import { SelectionForm } from "./_components/selection-form";

const linkButton =
  "rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100";

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ t, locale }, { actor, environment }, params] = await Promise.all([getT(), requireScope(), searchParams]);
  const [{ customers, nextCursor, filter }, tags, systems] = await Promise.all([
    searchCustomers({ actor, environment }, params),
    listCustomerTags({ actor, environment }),
    listSystems({ actor, environment }),
  ]);
  // Cached Entity Register answers only: the list never waits for Brønnøysund.
  const flags = await cachedEntityFlags(
    environment,
    customers.map((c) => c.orgNo),
  );
  const live = systems
    .filter((s) => s.altinnInternalId && !s.deletedAt)
    .map((s) => ({ id: s.id, label: `${s.name[locale]} (${s.systemId})` }));
  const canCreate = can(actor.role, "requests.create");
  const nextHref = nextCursor
    ? `?${new URLSearchParams({ ...(filter.q ? { q: filter.q } : {}), ...(filter.tag ? { tag: filter.tag } : {}), ...(filter.status ? { status: filter.status } : {}), cursor: nextCursor })}`
    : null;
  return (
    <>
      <LiveRefresh />
      <PageHeader title={t("customers.title")}>
        <div className="flex gap-2">
          {can(actor.role, "customers.export") && (
            <a className={linkButton} href="/api/customers/export" download>
              {t("customers.export")}
            </a>
          )}
          {can(actor.role, "customers.manage") && (
            <Link className={linkButton} href="/customers/new">
              {t("customers.new")}
            </Link>
          )}
          <Link className={linkButton} href="/customers/bulk">
            {t("bulk.link")}
          </Link>
        </div>
      </PageHeader>
      <Card>
        <CustomerFilters t={t} filter={filter} tags={tags} />
        {customers.length === 0 ? (
          <p>{t("customers.none")}</p>
        ) : (
          <SelectionForm systems={live} canCreate={canCreate}>
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  {canCreate && (
                    <th scope="col" className="w-8">
                      <span className="sr-only">{t("customers.selection")}</span>
                    </th>
                  )}
                  <th scope="col" className="py-2">
                    {t("customers.orgNo")}
                  </th>
                  <th scope="col">{t("customers.name")}</th>
                  <th scope="col">{t("customers.tagsShort")}</th>
                  <th scope="col">{t("requests.status")}</th>
                  <th scope="col">{t("customers.systemUsers")}</th>
                </tr>
              </thead>
              <tbody>
                {customers.map((c) => {
                  const latest = c.requests[0];
                  return (
                    <tr key={c.id} className="border-b border-slate-200 align-top">
                      {canCreate && (
                        <td className="py-2">
                          <input
                            type="checkbox"
                            name="customerIds"
                            value={c.id}
                            aria-label={t("customers.select", { name: c.name ?? c.orgNo })}
                          />
                        </td>
                      )}
                      <td className="py-2">
                        <Link className="font-mono text-brand-700 underline" href={`/customers/${c.id}`}>
                          {c.orgNo}
                        </Link>
                      </td>
                      <td>
                        {c.name ?? "–"}
                        {flags.get(c.orgNo) && (
                          <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">
                            {t(`preflight.flag.${flags.get(c.orgNo)}`)}
                          </span>
                        )}
                      </td>
                      <td>{c.tags.join(", ")}</td>
                      <td>
                        {latest && (
                          <Link href={`/requests/${latest.id}`}>
                            <StatusBadge status={latest.status} label={t(`status.${latest.status}`)} />
                          </Link>
                        )}
                      </td>
                      <td>
                        {c.systemUsers.length === 0 ? (
                          t("customers.noSystemUser")
                        ) : (
                          <ul>
                            {c.systemUsers.map((u) => (
                              <li key={u.altinnSystemUserId}>
                                <span className="font-mono">{u.altinnSystemUserId}</span> ·{" "}
                                {(u.system.name as Record<string, string>)[locale]}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </SelectionForm>
        )}
        <nav aria-label={t("customers.title")} className="mt-4 flex gap-4 text-sm">
          {filter.cursor && (
            <Link className="text-brand-700 underline" href="/customers">
              {t("customers.first")}
            </Link>
          )}
          {nextHref && (
            <Link className="text-brand-700 underline" href={nextHref}>
              {t("customers.next")}
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
