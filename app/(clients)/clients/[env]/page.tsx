import { headers } from "next/headers";
import { AppError } from "@/lib/core/errors";
import { getT } from "@/lib/i18n/server";
import { clientContext, facilitatorOrg } from "@/lib/clients/context";
import { clientsMessage } from "@/lib/clients/messages";
import { clientOverview, explainUnavailable } from "@/lib/clients/delegation";
import { myAssignJobs } from "@/lib/clients/assign";
import { loadEnvironmentBySlug } from "@/lib/environments/queries";
import { takePublic } from "@/lib/onboarding/rate-limit";
import { AgentCard } from "./_components/agent-card";
import { JobLinks } from "./_components/job-links";
import { LoginLink } from "./_components/login-link";
import { Notice } from "./_components/notice";
import { OrgForm } from "./_components/org-form";
import { SessionBar } from "./_components/session-bar";

type Props = { params: Promise<{ env: string }>; searchParams: Promise<Record<string, string | undefined>> };

/** Altinn's refusals (expired login, missing role, bad org number) are answers to show; anything else is a bug. */
async function settle<T>(load: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await load };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err };
    throw err;
  }
}
const errorText = (err: AppError) => clientsMessage(err.code) ?? err.userMessage;

export default async function ClientsPage({ params, searchParams }: Props) {
  const [{ env }, q, { t, locale }] = await Promise.all([params, searchParams, getT()]);
  const environment = await loadEnvironmentBySlug(env).catch(() => null);
  if (!environment) return <h1 className="text-2xl font-bold">{clientsMessage("not_found")?.[locale]}</h1>;
  const base = `/clients/${encodeURIComponent(environment.slug)}`;
  const org = facilitatorOrg(q.org);
  if (!(await takePublic(await headers(), "clients")).ok) return <p role="alert">{t("clients.tooMany")}</p>;
  const notice = <Notice message={q.message} error={q.error} locale={locale} />;
  if (!org)
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("clients.agents")}</h1>
        {notice}
        <OrgForm base={base} t={t} />
      </>
    );

  const heading = <h1 className="mb-2 text-2xl font-bold">{t("clients.title", { org })}</h1>;
  if (!environment.idportenIssuer || !environment.idportenClientId)
    return (
      <>
        {heading}
        <p role="alert" className="mt-4">
          {t("clients.notConfigured")}
        </p>
      </>
    );
  const login = <LoginLink base={base} org={org} t={t} />;
  const ctx = await clientContext(environment.slug, org);
  if (!ctx)
    return (
      <>
        {heading}
        <p className="mb-6">{t("clients.intro")}</p>
        {notice}
        {login}
      </>
    );

  const [overview, why, jobs] = await Promise.all([
    settle(clientOverview(ctx)),
    q.why && q.agent ? settle(explainUnavailable(ctx, q.agent, q.why)) : null,
    myAssignJobs(ctx),
  ]);
  if (!overview.ok)
    return (
      <>
        {heading}
        <p role="alert" className="my-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {errorText(overview.error)[locale]}
        </p>
        {overview.error.status === 401 && login}
      </>
    );
  const whyAnswer = why && (why.ok ? why.value.text : errorText(why.error));

  return (
    <>
      {heading}
      <SessionBar base={base} org={org} expiresAt={ctx.session.exp} t={t} locale={locale} />
      {notice}
      <JobLinks jobs={jobs} base={base} org={org} t={t} />
      <h2 className="mb-4 text-xl font-semibold">{t("clients.agents")}</h2>
      {overview.value.length === 0 && <p>{t("clients.noAgents")}</p>}
      {overview.value.map((a) => (
        <AgentCard
          key={a.id}
          agent={a}
          base={base}
          org={org}
          whyOrgNo={q.agent === a.id ? q.why : undefined}
          whyAnswer={q.agent === a.id ? whyAnswer : null}
          t={t}
          locale={locale}
        />
      ))}
    </>
  );
}
