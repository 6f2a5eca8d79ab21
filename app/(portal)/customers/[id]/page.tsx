import Link from "next/link";
import { checkCustomerEntity } from "@/lib/preflight/names";
import { entityCheck } from "@/lib/preflight/checks";
import { checkText } from "@/lib/preflight/text";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { auditHref } from "@/lib/audit/search-schema";
import { requireScope } from "@/lib/environments/current";
import { getCustomer } from "@/lib/customers/queries";
import { listSystems } from "@/lib/systems/queries";
import { AppError } from "@/lib/core/errors";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { LiveRefresh } from "@/components/live-refresh";
import { Card, PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { NewRequestForm } from "../../requests/_components/new-request-form";
import { CustomerForm } from "../_components/customer-form";
import { CustomerMail } from "../../mail/_components/customer-mail";

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, { actor, environment }] = await Promise.all([params, getT(), requireScope()]);
  // Scoped to the current environment: a customer of another one is a 404 here.
  const [c, systems] = await Promise.all([
    getCustomer({ actor, environment }, id).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) notFound();
      throw err;
    }),
    listSystems({ actor, environment }),
  ]);
  // The Entity Register (cached for a day) fills in a blank name and says whether the organisation still exists.
  const entity = await checkCustomerEntity(environment, c.orgNo);
  const displayName = c.name ?? (entity.status === "found" ? entity.name : null);
  const name = (n: unknown) => (n as Record<string, string>)[locale];
  const bySystem = new Map<string, typeof c.systemUsers>();
  for (const u of c.systemUsers) bySystem.set(u.system.systemId, [...(bySystem.get(u.system.systemId) ?? []), u]);
  const live = systems
    .filter((s) => s.altinnInternalId && !s.deletedAt)
    .map((s) => ({ id: s.id, label: `${s.name[locale]} (${s.systemId})` }));
  const fmt = (d: Date) => d.toLocaleString(dateLocale(locale));
  return (
    <>
      <PageHeader title={`${t("customers.detail")}: ${displayName ?? c.orgNo}`}>
        {can(actor.role, "audit.read") && (
          <Link className="text-brand-700 underline" href={auditHref({ org: c.orgNo })}>
            {t("audit.trail.link")}
          </Link>
        )}
      </PageHeader>
      <LiveRefresh />
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("customers.orgNo")}</dt>
          <dd className="font-mono">{c.orgNo}</dd>
          <dt className="font-medium">{t("preflight.customer.heading")}</dt>
          <dd data-testid="entity-register">{checkText(t, locale, entityCheck(c.orgNo, entity))}</dd>
          <dt className="font-medium">{t("customers.externalRef")}</dt>
          <dd className="font-mono" data-testid="external-ref">
            {c.externalRef}
          </dd>
          <dt className="font-medium">{t("customers.tagsShort")}</dt>
          <dd>{c.tags.join(", ") || "–"}</dd>
          <dt className="font-medium">{t("customers.notes")}</dt>
          <dd className="whitespace-pre-wrap">{c.notes || "–"}</dd>
        </dl>
      </Card>
      <Card title={t("customers.perSystem")}>
        {bySystem.size === 0 ? (
          <p>{t("customers.noSystemUser")}</p>
        ) : (
          <ul className="space-y-2">
            {[...bySystem].map(([systemId, users]) => (
              <li key={systemId}>
                <span className="font-medium">{name(users[0]?.system.name)}</span>{" "}
                <span className="font-mono text-sm">({systemId})</span>
                <ul className="ml-4 list-disc">
                  {users.map((u) => (
                    <li key={u.altinnSystemUserId} className="font-mono text-sm">
                      {u.altinnSystemUserId} · {u.userType}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("customers.requests")}>
        {c.requests.length === 0 ? (
          <p>{t("customers.noRequests")}</p>
        ) : (
          <ul className="space-y-1">
            {c.requests.map((r) => (
              <li key={r.id}>
                <Link className="text-brand-700 underline" href={`/requests/${r.id}`}>
                  {name(r.system.name)} · {fmt(r.createdAt)}
                </Link>{" "}
                <StatusBadge status={r.status} label={t(`status.${r.status}`)} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      {can(actor.role, "requests.create") && live.length > 0 && (
        <Card title={t("customers.newRequest")}>
          <NewRequestForm systems={live} orgNo={c.orgNo} />
        </Card>
      )}
      <CustomerMail scope={{ actor, environment }} customerId={c.id} systems={live} />
      {can(actor.role, "customers.manage") && (
        <Card title={t("customers.edit")}>
          <CustomerForm
            existing={{ id: c.id, orgNo: c.orgNo, name: displayName ?? "", notes: c.notes, tags: c.tags }}
          />
        </Card>
      )}
    </>
  );
}
