import Link from "next/link";
import type { recentCapHits } from "@/lib/onboarding/public-cap";
import type { Locale, Translate } from "@/lib/i18n";

type Hits = Awaited<ReturnType<typeof recentCapHits>>;

/** Systems whose public pages hit the hourly cap in the last 24 hours: someone may be abusing them. */
export function PublicCapAlert({
  hits,
  t,
  locale,
  when,
}: {
  hits: Hits;
  t: Translate;
  locale: Locale;
  when: (d: Date) => string;
}) {
  if (hits.length === 0) return null;
  return (
    <section aria-labelledby="public-cap-title" className="mb-6 rounded-lg border-2 border-red-700 bg-red-50 p-4">
      <h2 id="public-cap-title" className="mb-2 text-lg font-semibold text-red-900">
        {t("cap.dashboard.title")}
      </h2>
      <ul className="space-y-1 text-sm">
        {hits.map((h) => (
          <li key={h.system.id} data-system={h.system.systemId} className="font-semibold text-red-900">
            {t("cap.dashboard.item", {
              system: `${h.system.name[locale]} (${h.system.systemId})`,
              cap: h.cap,
              date: when(h.at),
            })}{" "}
            <Link href={`/systems/${h.system.id}`} className="text-brand-700 underline">
              {t("cap.dashboard.fix")}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
