import type { OnboardingOutcome } from "@/lib/onboarding/flow";
import type { Locale, Translate } from "@/lib/i18n";
import { Button } from "@/components/ui/button";

const box = {
  ok: "border-green-700 bg-green-50 text-green-900",
  wait: "border-amber-700 bg-amber-50 text-amber-950",
  bad: "border-red-700 bg-red-50 text-red-900",
};

/** One page per outcome; every action is a plain link or form POST, so all of it works without JavaScript. */
export function OutcomeView({ outcome, t, locale }: { outcome: OnboardingOutcome; t: Translate; locale: Locale }) {
  if (outcome.kind === "unknown") {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("ob.unknown.title")}</h1>
        <p role="alert" className={`rounded-md border p-4 ${box.bad}`}>
          {t("ob.unknown.body")}
        </p>
      </>
    );
  }
  if (outcome.kind === "unavailable") {
    return (
      <>
        <h1 className="mb-4 text-2xl font-bold">{t("ob.unavailable.title")}</h1>
        <p role="status" data-outcome="unavailable" className={`mb-6 rounded-md border p-4 ${box.wait}`}>
          {t("ob.unavailable.body")}
        </p>
        <a
          className="inline-flex rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          href={`/onboard/callback?ref=${outcome.ref}`}
        >
          {t("ob.unavailable.retry")}
        </a>
      </>
    );
  }
  const vars = { org: outcome.orgNo, system: outcome.systemName[locale] };
  const restart = (
    <form method="post" action="/onboard/callback/restart" className="mt-6">
      <input type="hidden" name="ref" value={outcome.ref} />
      <Button type="submit">{t("ob.restart")}</Button>
    </form>
  );
  const view = {
    connected: { title: t("ob.connected.title"), body: t("callback.Accepted", vars), style: box.ok, extra: null },
    rejected: {
      title: t("ob.rejected.title"),
      body: `${t("callback.Rejected", vars)} ${t("ob.rejected.retry")}`,
      style: box.bad,
      extra: restart,
    },
    escalated: { title: t("ob.escalated.title"), body: t("ob.escalated.body", vars), style: box.wait, extra: null },
    pending: { title: t("ob.pending.title"), body: t("ob.pending.body", vars), style: box.wait, extra: restart },
    expired: { title: t("ob.expired.title"), body: t("ob.expired.body", vars), style: box.wait, extra: restart },
    wrong_org: { title: t("ob.wrongOrg.title"), body: t("ob.wrongOrg.body", vars), style: box.bad, extra: restart },
  }[outcome.kind];
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold">{view.title}</h1>
      <p role="status" data-outcome={outcome.kind} className={`rounded-md border p-4 ${view.style}`}>
        {view.body}
      </p>
      {view.extra}
    </>
  );
}
