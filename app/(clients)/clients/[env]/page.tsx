import Link from "next/link";
import { headers } from "next/headers";
import { AppError } from "@/lib/core/errors";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";
import { clientContext, facilitatorOrg } from "@/lib/clients/context";
import { clientsMessage, isSuccessCode } from "@/lib/clients/messages";
import { clientOverview, explainUnavailable, type AgentOverview, type Explanation } from "@/lib/clients/delegation";
import { myAssignJobs } from "@/lib/clients/assign";
import { loadEnvironmentBySlug } from "@/lib/environments/environments";
import { takePublic } from "@/lib/onboarding/rate-limit";
import { Button } from "@/components/ui/button";
import type { ClientInfo } from "@/lib/integrations/altinn/client-delegation";

type Props = { params: Promise<{ env: string }>; searchParams: Promise<Record<string, string | undefined>> };

const box = "rounded-lg border border-slate-300 bg-white p-6";

export default async function ClientsPage({ params, searchParams }: Props) {
  const [{ env }, q, { t, locale }] = await Promise.all([params, searchParams, getT()]);
  const environment = await loadEnvironmentBySlug(env).catch(() => null);
  if (!environment) return <h1 className="text-2xl font-bold">{clientsMessage("not_found")?.[locale]}</h1>;
  const base = `/clients/${encodeURIComponent(environment.slug)}`;
  const org = facilitatorOrg(q.org);
  if (!takePublic(await headers(), "clients").ok) return <p role="alert">{t("clients.tooMany")}</p>;
  const notice = clientsMessage(q.message ?? q.error);
  const noticeEl = notice && (
    <p
      role={isSuccessCode(q.message) ? "status" : "alert"}
      className={`mb-4 rounded-md border p-3 text-sm ${isSuccessCode(q.message) ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      {notice[locale]}
    </p>
  );

  if (!org) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("clients.agents")}</h1>
        {noticeEl}
        <form method="get" action={base} className={box}>
          <label htmlFor="org" className="block text-sm font-medium">
            {t("requests.orgNo")}
          </label>
          <input
            id="org"
            name="org"
            inputMode="numeric"
            autoComplete="off"
            required
            className="mb-4 mt-1 block w-full rounded-md border border-slate-500 px-3 py-2"
          />
          <Button type="submit">{t("clients.why.submit")}</Button>
        </form>
      </>
    );
  }

  const heading = <h1 className="mb-2 text-2xl font-bold">{t("clients.title", { org })}</h1>;
  if (!environment.idportenIssuer || !environment.idportenClientId) {
    return (
      <>
        {heading}
        <p role="alert" className="mt-4">
          {t("clients.notConfigured")}
        </p>
      </>
    );
  }
  const login = (
    <a
      href={`${base}/login?org=${org}`}
      className="inline-flex items-center rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
    >
      {t("clients.login")}
    </a>
  );
  const ctx = await clientContext(environment.slug, org);
  if (!ctx)
    return (
      <>
        {heading}
        <p className="mb-6">{t("clients.intro")}</p>
        {noticeEl}
        {login}
      </>
    );

  let agents: AgentOverview[];
  try {
    agents = await clientOverview(ctx);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return (
      <>
        {heading}
        <p role="alert" className="my-4 rounded-md border border-red-700 bg-red-50 p-3 text-sm text-red-900">
          {(clientsMessage(err.code) ?? err.userMessage)[locale]}
        </p>
        {err.status === 401 && login}
      </>
    );
  }
  let explanation: Explanation | null = null;
  let explainError: string | null = null;
  if (q.why && q.agent) {
    try {
      explanation = await explainUnavailable(ctx, q.agent, q.why);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      explainError = (clientsMessage(err.code) ?? err.userMessage)[locale];
    }
  }
  const jobs = await myAssignJobs(ctx);
  const until = new Date(ctx.session.exp * 1000).toLocaleTimeString(dateLocale(locale), {
    timeZone: "Europe/Oslo",
    hour: "2-digit",
    minute: "2-digit",
  });

  const clientRow = (agent: AgentOverview, c: ClientInfo, op: "add" | "remove") => (
    <li
      key={c.clientId}
      className="flex items-center justify-between gap-4 border-b border-slate-200 py-2 last:border-0"
    >
      <span>
        <span className="font-mono">{c.clientOrganizationNumber}</span> {c.clientOrganizationName}
      </span>
      <form method="post" action={`${base}/assign`}>
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="agent" value={agent.id} />
        <input type="hidden" name="client" value={c.clientId} />
        <input type="hidden" name="op" value={op} />
        <Button
          type="submit"
          variant="secondary"
          aria-label={t(op === "add" ? "clients.assign" : "clients.unassign", {
            name: c.clientOrganizationName || c.clientOrganizationNumber,
          })}
        >
          {op === "add" ? t("clients.assign", { name: "" }).trim() : t("clients.unassign", { name: "" }).trim()}
        </Button>
      </form>
    </li>
  );

  return (
    <>
      {heading}
      <div className="mb-6 flex flex-wrap items-center gap-4 text-sm">
        <span>{t("clients.loggedIn", { org, until })}</span>
        <form method="post" action={`${base}/logout`}>
          <input type="hidden" name="org" value={org} />
          <Button type="submit" variant="secondary">
            {t("clients.logout")}
          </Button>
        </form>
      </div>
      {noticeEl}
      {jobs.length > 0 && (
        <ul className="mb-6 space-y-1 text-sm">
          {jobs.map((j) => (
            <li key={j.id}>
              <Link className="text-brand-700 underline" href={`${base}/jobs/${j.id}?org=${org}`}>
                {t("clients.job")}: {j.agentName || j.agentSystemUserId} – {t(`clients.job.status.${j.status}`)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <h2 className="mb-4 text-xl font-semibold">{t("clients.agents")}</h2>
      {agents.length === 0 && <p>{t("clients.noAgents")}</p>}
      {agents.map((a) => (
        <section key={a.id} aria-labelledby={`agent-${a.id}`} className={`${box} mb-6`}>
          <h3 id={`agent-${a.id}`} className="text-lg font-semibold">
            {a.integrationTitle || a.systemId} <span className="font-mono text-sm font-normal">({a.systemId})</span>
          </h3>
          <p className="mb-4 text-sm text-slate-700">
            {t("clients.packages", {
              packages: a.accessPackages.map((p) => getAccessPackage(p.urn)?.name[locale] ?? p.urn).join(", "),
            })}
          </p>
          <h4 className="font-semibold">
            {t("clients.available")} ({a.available.length})
          </h4>
          {a.available.length === 0 ? (
            <p className="mb-4 text-sm">{t("clients.none")}</p>
          ) : (
            <ul className="mb-4">{a.available.map((c) => clientRow(a, c, "add"))}</ul>
          )}
          {a.available.length > 0 && (
            <form method="post" action={`${base}/assign-all`} className="mb-6">
              <input type="hidden" name="org" value={org} />
              <input type="hidden" name="agent" value={a.id} />
              <Button type="submit">{t("clients.assignAll")}</Button>
            </form>
          )}
          <h4 className="font-semibold">
            {t("clients.assigned")} ({a.assigned.length})
          </h4>
          {a.assigned.length === 0 ? (
            <p className="mb-4 text-sm">{t("clients.none")}</p>
          ) : (
            <ul className="mb-4">{a.assigned.map((c) => clientRow(a, c, "remove"))}</ul>
          )}
          <form method="get" action={base} className="mt-4 border-t border-slate-200 pt-4">
            <input type="hidden" name="org" value={org} />
            <input type="hidden" name="agent" value={a.id} />
            <label htmlFor={`why-${a.id}`} className="block text-sm font-medium">
              {t("clients.why")} – {t("clients.why.orgNo")}
            </label>
            <div className="mt-1 flex flex-wrap gap-2">
              <input
                id={`why-${a.id}`}
                name="why"
                inputMode="numeric"
                autoComplete="off"
                defaultValue={q.agent === a.id ? q.why : undefined}
                className="rounded-md border border-slate-500 px-3 py-2"
              />
              <Button type="submit" variant="secondary">
                {t("clients.why.submit")}
              </Button>
            </div>
            {q.agent === a.id && (explanation || explainError) && (
              <p
                role="status"
                data-testid="why-answer"
                className="mt-3 rounded-md border border-slate-400 bg-slate-50 p-3 text-sm"
              >
                {explanation ? explanation.text[locale] : explainError}
              </p>
            )}
          </form>
        </section>
      ))}
    </>
  );
}
