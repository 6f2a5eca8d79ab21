import { Suspense } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { getBulkJob, getBulkProgress } from "@/lib/bulk/queries";
import { rowMessage } from "@/lib/bulk/result";
import { AppError } from "@/lib/core/errors";
import { getT } from "@/lib/i18n/server";
import { Card, PageHeader } from "@/components/ui/page-header";
import { BulkProgress } from "./_components/bulk-progress";
import { JobButton } from "./_components/job-buttons";
import { BulkPreflight } from "./_components/bulk-preflight";
import { BulkInvite } from "../../../mail/_components/bulk-invite";

const linkButton =
  "rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100";

export default async function BulkJobPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, { actor, environment }] = await Promise.all([params, getT(), requireScope()]);
  const load = <T,>(p: Promise<T>) =>
    p.catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) notFound();
      throw err;
    });
  const [job, progress] = await Promise.all([
    load(getBulkJob({ actor, environment }, id)),
    load(getBulkProgress({ actor, environment }, id)),
  ]);
  const canRun = can(actor.role, "requests.create");
  const valid = job.rows.filter((r) => r.status !== "invalid");
  const draft = job.status === "draft";
  const rowResult = (r: (typeof job.rows)[number]) => {
    if (draft)
      return r.status === "invalid"
        ? rowMessage(r, locale)
        : t(r.existingCustomer ? "bulk.row.existingCustomer" : "bulk.row.ok");
    if (r.status === "done") return t(r.existed ? "bulk.row.existed" : "bulk.row.done");
    const message = r.status === "pending" || r.status === "working" ? "" : rowMessage(r, locale);
    return [t(`bulk.row.${r.status}`), message].filter(Boolean).join(": ");
  };
  return (
    <>
      <PageHeader title={t("bulk.job", { file: job.fileName })}>
        <Link className="text-brand-700 underline" href="/customers/bulk">
          {t("bulk.title")}
        </Link>
      </PageHeader>
      <Card>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("bulk.system")}</dt>
          <dd className="font-mono">{job.system.systemId}</dd>
          <dt className="font-medium">{t("bulk.createdBy")}</dt>
          <dd>{job.createdByLabel}</dd>
          <dt className="font-medium">{t("bulk.status")}</dt>
          <dd data-testid="bulk-status">{t(`bulk.status.${job.status}`)}</dd>
        </dl>
      </Card>
      {draft && canRun && valid.length > 0 && (
        // A first look-up of thousands of organisations takes a while: the rest of the page does not wait.
        <Suspense fallback={<p className="mb-6 text-sm">{t("preflight.selection.checking")}</p>}>
          <BulkPreflight
            scope={{ actor, environment }}
            systemId={job.system.id}
            orgNos={valid.map((r) => r.orgNo)}
            t={t}
            locale={locale}
          />
        </Suspense>
      )}
      {draft ? (
        <Card title={t("bulk.status.draft")}>
          <p className="mb-4" data-testid="bulk-summary">
            {t("bulk.summary", {
              valid: valid.length,
              invalid: job.rows.length - valid.length,
              existing: valid.filter((r) => r.existingCustomer).length,
            })}
          </p>
          {canRun && (
            <div className="flex flex-wrap gap-4">
              {valid.length > 0 && (
                <JobButton jobId={job.id} kind="start" label={t("bulk.start", { count: valid.length })} />
              )}
              <JobButton jobId={job.id} kind="cancel" label={t("bulk.discard")} />
            </div>
          )}
        </Card>
      ) : (
        <Card title={t("bulk.progress")}>
          <BulkProgress id={job.id} initial={progress} />
          <div className="mt-4 flex flex-wrap items-start gap-4">
            {progress.finished && can(actor.role, "customers.export") && (
              <a className={linkButton} href={`/api/bulk/${job.id}/result`} download>
                {t("bulk.download")}
              </a>
            )}
            {canRun && job.status === "running" && (
              <JobButton jobId={job.id} kind="cancel" label={t("bulk.cancel")} hint={t("bulk.cancelHint")} />
            )}
          </div>
        </Card>
      )}
      {!draft && <BulkInvite scope={{ actor, environment }} jobId={job.id} />}
      <Card title={t("bulk.rows")}>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-2">
                {t("bulk.line")}
              </th>
              <th scope="col">{t("bulk.orgNo")}</th>
              <th scope="col">{t("bulk.name")}</th>
              <th scope="col">{t("bulk.ref")}</th>
              <th scope="col">{t("bulk.email")}</th>
              <th scope="col">{draft ? t("bulk.check") : t("bulk.result")}</th>
            </tr>
          </thead>
          <tbody>
            {job.rows.map((r) => (
              <tr
                key={r.id}
                className={`border-b border-slate-200 ${r.status === "invalid" || r.status === "failed" ? "bg-red-50" : ""}`}
              >
                <td className="py-1">{r.line}</td>
                <td className="font-mono">{r.orgNo}</td>
                <td>{r.name ?? ""}</td>
                <td>{r.ref ?? ""}</td>
                <td className="break-all">{r.email ?? ""}</td>
                <td>
                  {rowResult(r)}
                  {r.requestId && (
                    <>
                      {" "}
                      ·{" "}
                      <Link className="text-brand-700 underline" href={`/requests/${r.requestId}`}>
                        {t("bulk.openRequest")}
                        <span className="sr-only"> {r.orgNo}</span>
                      </Link>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
