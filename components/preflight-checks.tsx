import type { Check } from "@/lib/preflight/checks";
import type { Locale, Translate } from "@/lib/i18n";
import { checkText } from "@/lib/preflight/text";

const MARK = { pass: "✓", fail: "✗", warn: "!" } as const;
const TONE = { pass: "text-green-800", fail: "text-red-800", warn: "text-amber-900" } as const;

/** Pre-flight findings as a list: the verdict in words beside its mark, so colour is never the only cue. */
export function PreflightList({ checks, t, locale }: { checks: readonly Check[]; t: Translate; locale: Locale }) {
  return (
    <ul className="space-y-1">
      {checks.map((c, i) => (
        <li key={`${c.id}-${i}`} className="flex gap-2 text-sm">
          <span aria-hidden="true" className={`font-bold ${TONE[c.verdict]}`}>
            {MARK[c.verdict]}
          </span>
          <span>
            <span className={`font-semibold ${TONE[c.verdict]}`}>{t(`preflight.verdict.${c.verdict}`)}:</span>{" "}
            {checkText(t, locale, c)}
          </span>
        </li>
      ))}
    </ul>
  );
}
