import type { LocalizedText } from "@/lib/core/errors";
import type { Locale, Translate } from "@/lib/i18n";
import { Button } from "@/components/ui/button";

type Props = {
  base: string;
  org: string;
  agentId: string;
  /** The organisation number last asked about for this agent, kept in the field. */
  orgNo?: string;
  /** The explanation, or why there is none; null until asked. */
  answer: LocalizedText | null;
  t: Translate;
  locale: Locale;
};

/** "Why is this client not available?": a GET form, so the answer is a page like any other. */
export function WhyForm({ base, org, agentId, orgNo, answer, t, locale }: Props) {
  return (
    <form method="get" action={base} className="mt-4 border-t border-slate-200 pt-4">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="agent" value={agentId} />
      <label htmlFor={`why-${agentId}`} className="block text-sm font-medium">
        {t("clients.why")} – {t("clients.why.orgNo")}
      </label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          id={`why-${agentId}`}
          name="why"
          inputMode="numeric"
          autoComplete="off"
          defaultValue={orgNo}
          className="rounded-md border border-slate-500 px-3 py-2"
        />
        <Button type="submit" variant="secondary">
          {t("clients.why.submit")}
        </Button>
      </div>
      {answer && (
        <p
          role="status"
          data-testid="why-answer"
          className="mt-3 rounded-md border border-slate-400 bg-slate-50 p-3 text-sm"
        >
          {answer[locale]}
        </p>
      )}
    </form>
  );
}
