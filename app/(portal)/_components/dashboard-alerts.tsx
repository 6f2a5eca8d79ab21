import Link from "next/link";
import type { Dashboard } from "@/lib/dashboard/queries";
import type { Translate } from "@/lib/i18n";

const ALERT = "mb-6 rounded-lg border-2 border-red-700 bg-red-50 p-4";

/** Signing keys near expiry and webhook endpoints that keep failing: shown only when there are any. */
export function DashboardAlerts({
  keys,
  hooks,
  t,
  date,
}: {
  keys: Dashboard["expiringKeys"];
  hooks: Dashboard["failingHooks"];
  t: Translate;
  date: (d: Date) => string;
}) {
  return (
    <>
      {keys.length > 0 && (
        <section aria-labelledby="expiring-title" className={ALERT}>
          <h2 id="expiring-title" className="mb-2 text-lg font-semibold text-red-900">
            {t("dashboard.expiring.title")}
          </h2>
          <ul className="space-y-1 text-sm">
            {keys.map((k) => {
              const vars = {
                kid: k.kid,
                env: k.environment.name,
                state: t(`keys.stateName.${k.state}`),
                date: date(k.expiresAt),
                days: k.daysLeft,
              };
              const text =
                k.level === "expired"
                  ? "dashboard.expiring.expired"
                  : k.daysLeft === 0
                    ? "dashboard.expiring.today"
                    : "dashboard.expiring.item";
              return (
                <li
                  key={k.id}
                  data-level={k.level}
                  className={k.level === "warning" ? "text-slate-900" : "font-semibold text-red-900"}
                >
                  {t(`keys.expiry.${k.level}`)}: {t(text, vars)}{" "}
                  <Link href="/environment" className="text-brand-700 underline">
                    {t("dashboard.expiring.fix")}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {hooks.length > 0 && (
        <section aria-labelledby="failing-hooks-title" className={ALERT}>
          <h2 id="failing-hooks-title" className="mb-2 text-lg font-semibold text-red-900">
            {t("webhooks.dashboard.title")}
          </h2>
          <ul className="space-y-1 text-sm">
            {hooks.map((h) => (
              <li key={h.id} data-endpoint={h.id} className="font-semibold text-red-900">
                {t("webhooks.dashboard.item", {
                  url: h.url,
                  date: h.failingSince ? date(h.failingSince) : "",
                  held: h._count.deliveries,
                })}{" "}
                <Link href={`/webhooks/${h.id}`} className="text-brand-700 underline">
                  {t("webhooks.dashboard.fix")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
