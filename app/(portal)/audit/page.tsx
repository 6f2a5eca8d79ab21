import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { searchAuditEvents } from "@/lib/audit/search";
import { auditFilterOptions } from "@/lib/audit/search-options";
import { activeFilters, auditQuery, FILTER_FIELDS, parseAuditFilter } from "@/lib/audit/search-schema";
import { auditIntegrityOverview } from "@/lib/audit/integrity";
import { auditChainStatus } from "@/lib/audit/status";
import { ChainStatus } from "./_components/chain-status";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";
import { IntegrityPanel } from "./_components/integrity-panel";
import { requireScope } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";

const linkButton =
  "rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100";

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ t, locale }, { actor, environment }, params] = await Promise.all([getT(), requireScope(), searchParams]);
  if (!can(actor.role, "audit.read")) return <p role="alert">{t("errors.forbidden")}</p>;
  const scope = { actor, environment };
  const parsed = parseAuditFilter(params);
  const [result, chain, options, integrity] = await Promise.all([
    parsed.ok ? searchAuditEvents(scope, parsed.filter) : null,
    auditChainStatus(scope),
    auditFilterOptions(scope),
    auditIntegrityOverview(actor),
  ]);
  // What the form shows: the values as given (a bad one stays, to be corrected), first of any repeats.
  const values = Object.fromEntries(
    FILTER_FIELDS.map((k) => {
      const v = params[k];
      return [k, (Array.isArray(v) ? v[0] : v)?.trim() ?? ""];
    }),
  );
  const filters = parsed.ok ? activeFilters(parsed.filter) : {};
  const filtered = Object.keys(filters).length > 0 || Boolean(parsed.ok && parsed.filter.before);
  const page = (before: string) => `/audit${auditQuery({ ...filters, before })}`;
  return (
    <>
      <PageHeader title={t("audit.title")}>
        {parsed.ok && (
          <div className="flex flex-wrap gap-2">
            <a className={linkButton} href={`/api/audit/export${auditQuery({ format: "csv", ...filters })}`} download>
              {t("audit.exportCsv")}
            </a>
            <a className={linkButton} href={`/api/audit/export${auditQuery({ format: "jsonl", ...filters })}`} download>
              {t("audit.exportJsonl")}
            </a>
          </div>
        )}
      </PageHeader>
      <p className="mb-4 text-sm text-slate-700">
        {t("audit.intro")} {t("envs.auditScope", { name: environment.name })} {t("audit.exportHint")}
      </p>
      <ChainStatus status={chain} t={t} locale={locale} />
      <Card>
        {!parsed.ok && (
          <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
            {t("audit.f.invalid")}
          </p>
        )}
        <AuditFilters t={t} locale={locale} values={values} errors={parsed.ok ? {} : parsed.errors} options={options} />
        {result &&
          (result.events.length === 0 ? (
            <p>{t(filtered ? "audit.noMatch" : "audit.none")}</p>
          ) : (
            <AuditTable events={result.events} t={t} locale={locale} />
          ))}
        {result && (result.newer !== null || result.older !== null) && (
          <nav aria-label={t("audit.paging")} className="mt-4 flex gap-6 text-sm">
            {result.newer !== null && (
              <Link className="text-brand-700 underline" href={page(result.newer)}>
                <span aria-hidden="true">← </span>
                {t("audit.newer")}
              </Link>
            )}
            {result.older !== null && (
              <Link className="text-brand-700 underline" href={page(result.older)}>
                {t("audit.older")}
                <span aria-hidden="true"> →</span>
              </Link>
            )}
          </nav>
        )}
      </Card>
      <IntegrityPanel overview={integrity} canManage={can(actor.role, "audit.manage")} t={t} locale={locale} />
    </>
  );
}
