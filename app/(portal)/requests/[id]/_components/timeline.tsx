import Link from "next/link";
import type { Translate } from "@/lib/i18n";

type Event = { id: string; at: Date; kind: string; detail: unknown };

const link = (detail: unknown, key: string) => {
  const v = detail && typeof detail === "object" ? (detail as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" ? v : null;
};

/** The portal's own record of the request, oldest first; it outlives Altinn's 28 days. */
export function Timeline({ t, events, fmt }: { t: Translate; events: Event[]; fmt: (d: Date) => string }) {
  if (events.length === 0) return <p>{t("timeline.none")}</p>;
  return (
    <ol className="space-y-2" data-testid="timeline">
      {events.map((e) => {
        const to = link(e.detail, "to");
        const from = link(e.detail, "renewedFrom");
        const bulkJob = link(e.detail, "bulkJobId");
        return (
          <li key={e.id} className="flex flex-wrap gap-x-3">
            <time dateTime={e.at.toISOString()} className="font-mono text-sm text-slate-700">
              {fmt(e.at)}
            </time>
            <span>{t(`timeline.${e.kind}`)}</span>
            {to && (
              <Link className="text-brand-700 underline" href={`/requests/${to}`}>
                {t("timeline.renewedTo")}
              </Link>
            )}
            {from && (
              <Link className="text-brand-700 underline" href={`/requests/${from}`}>
                {t("timeline.renewedFrom")}
              </Link>
            )}
            {bulkJob && (
              <Link className="text-brand-700 underline" href={`/customers/bulk/${bulkJob}`}>
                {t("timeline.viaBulk")}
              </Link>
            )}
          </li>
        );
      })}
    </ol>
  );
}
