import Link from "next/link";
import type { ChainProblem, ChainState } from "@/lib/audit/status";
import { dateLocale, type Locale, type Translate } from "@/lib/i18n";

// Problems whose seq names an event that is still there (the others name one that is gone, or none).
const EVENT_PROBLEMS: readonly ChainProblem[] = ["order", "link", "hash", "checkpoint_mismatch"];
const MARK = "\u0000";

/** A translated sentence with its {seq} as a link to that event, when there is one to open. */
function WithSeq({ text, seq }: { text: string; seq: string | null }) {
  const parts = text.split(MARK);
  if (seq === null || parts.length !== 2) return <>{parts.join(seq ?? "?")}</>;
  return (
    <>
      {parts[0]}
      <Link className="font-mono underline" href={`/audit/${seq}`}>
        {seq}
      </Link>
      {parts[1]}
    </>
  );
}

function ChainLine({ c, t, locale }: { c: ChainState; t: Translate; locale: Locale }) {
  const name = t(c.kind === "environment" ? "audit.chain.environment" : "audit.chain.installation");
  if (!c.ok) {
    const p = c.problem ?? { reason: "order", seq: null };
    const linked = EVENT_PROBLEMS.includes(p.reason) && p.seq !== null;
    const text = t(`audit.chain.problem.${p.reason}`, { seq: linked ? MARK : (p.seq ?? "?") });
    return (
      <>
        <strong>
          {name} {t("audit.chain.broken")}
        </strong>{" "}
        <WithSeq text={text} seq={linked ? p.seq : null} />
      </>
    );
  }
  const n = c.checked.toLocaleString(dateLocale(locale));
  const detail = c.anchor
    ? t("audit.chain.sinceCheckpoint", {
        n,
        seq: MARK,
        at: c.anchor.at.toLocaleString(dateLocale(locale), { timeZone: "Europe/Oslo" }),
        source: t(`audit.chain.source.${c.anchor.source}`),
      })
    : t("audit.chain.noCheckpoint", { n });
  return (
    <>
      <strong>
        {name} {t("audit.chain.ok")}
      </strong>{" "}
      <WithSeq text={detail} seq={c.anchor?.seq ?? null} />
    </>
  );
}

/** Green when every chain shown holds from its newest signed checkpoint; red, saying what is wrong, when not. */
export function ChainStatus({
  status,
  t,
  locale,
}: {
  status: { ok: boolean; chains: ChainState[] };
  t: Translate;
  locale: Locale;
}) {
  return (
    <div
      role="status"
      data-chain-ok={status.ok}
      className={`mb-4 rounded-md border p-3 text-sm ${status.ok ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-900"}`}
    >
      <ul className="space-y-1">
        {status.chains.map((c) => (
          <li key={c.chain}>
            <ChainLine c={c} t={t} locale={locale} />
          </li>
        ))}
      </ul>
    </div>
  );
}
