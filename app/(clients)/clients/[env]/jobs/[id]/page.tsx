import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { getT } from "@/lib/i18n/server";
import { clientContext, facilitatorOrg } from "@/lib/clients/context";
import { clientsMessage } from "@/lib/clients/messages";
import { assignJobReport, type JobReport } from "@/lib/clients/assign";
import { loadEnvironmentBySlug } from "@/lib/environments/queries";
import { JobProgress } from "./_components/job-progress";

type Props = {
  params: Promise<{ env: string; id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

export default async function AssignJobPage({ params, searchParams }: Props) {
  const [{ env, id }, q, { t, locale }] = await Promise.all([params, searchParams, getT()]);
  const environment = await loadEnvironmentBySlug(env).catch(() => null);
  const org = facilitatorOrg(q.org);
  if (!environment || !org) return <h1 className="text-2xl font-bold">{clientsMessage("not_found")?.[locale]}</h1>;
  const base = `/clients/${encodeURIComponent(environment.slug)}`;
  const ctx = await clientContext(environment.slug, org);
  const heading = <h1 className="mb-4 text-2xl font-bold">{t("clients.job")}</h1>;
  const loginLink = (
    <a
      href={`${base}/login?org=${org}&job=${encodeURIComponent(id)}`}
      className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
    >
      {t("clients.login")}
    </a>
  );
  if (!ctx)
    return (
      <>
        {heading}
        <p role="alert" className="mb-4">
          {t("clients.job.paused.token")}
        </p>
        {loginLink}
      </>
    );
  let report: JobReport;
  try {
    report = await assignJobReport(ctx, id);
  } catch (err) {
    // Someone else's job, or one of another environment: not found, with the status that says so.
    if (err instanceof AppError && err.status === 404) notFound();
    if (err instanceof AppError)
      return (
        <>
          {heading}
          <p role="alert">{(clientsMessage(err.code) ?? err.userMessage)[locale]}</p>
        </>
      );
    throw err;
  }
  const error = clientsMessage(q.error);
  return (
    <>
      {heading}
      <p className="mb-4">
        <Link className="text-brand-700 underline" href={`${base}?org=${org}`}>
          {t("clients.back")}
        </Link>
      </p>
      {error && (
        <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {error[locale]}
        </p>
      )}
      <JobProgress
        initial={report}
        progressUrl={`${base}/jobs/${report.id}/progress?org=${org}`}
        actionBase={`${base}/jobs/${report.id}`}
        org={org}
      />
    </>
  );
}
