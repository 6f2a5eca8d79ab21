import type { LocalizedText } from "@/lib/core/errors";
import type { Locale, Translate } from "@/lib/i18n";
import type { AgentOverview } from "@/lib/clients/delegation";
import { getAccessPackage } from "@/lib/systems/catalogue/snapshot";
import { Button } from "@/components/ui/button";
import { ClientList } from "./client-list";
import { WhyForm } from "./why-form";

type Props = {
  agent: AgentOverview;
  base: string;
  org: string;
  whyOrgNo?: string;
  whyAnswer: LocalizedText | null;
  t: Translate;
  locale: Locale;
};

/** One agent system user: its access packages, its available and assigned clients, and the "why" form. */
export function AgentCard({ agent, base, org, whyOrgNo, whyAnswer, t, locale }: Props) {
  const packages = agent.accessPackages.map((p) => getAccessPackage(p.urn)?.name[locale] ?? p.urn).join(", ");
  const list = { agentId: agent.id, base, org, t };
  return (
    <section aria-labelledby={`agent-${agent.id}`} className="rounded-lg border border-slate-300 bg-white p-6 mb-6">
      <h3 id={`agent-${agent.id}`} className="text-lg font-semibold">
        {agent.integrationTitle || agent.systemId}{" "}
        <span className="font-mono text-sm font-normal">({agent.systemId})</span>
      </h3>
      <p className="mb-4 text-sm text-slate-700">{t("clients.packages", { packages })}</p>
      <ClientList title={t("clients.available")} clients={agent.available} op="add" {...list} />
      {agent.available.length > 0 && (
        <form method="post" action={`${base}/assign-all`} className="mb-6">
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="agent" value={agent.id} />
          <Button type="submit">{t("clients.assignAll")}</Button>
        </form>
      )}
      <ClientList title={t("clients.assigned")} clients={agent.assigned} op="remove" {...list} />
      <WhyForm base={base} org={org} agentId={agent.id} orgNo={whyOrgNo} answer={whyAnswer} t={t} locale={locale} />
    </section>
  );
}
