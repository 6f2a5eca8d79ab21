import Link from "next/link";
import { requireScope } from "@/lib/environments/current";
import { listExpiringKeys, listKeys } from "@/lib/keys/queries";
import { listSystems } from "@/lib/systems/queries";
import { listRequests } from "@/lib/requests/queries";
import { openFindingCount } from "@/lib/reconciliation/queries";
import { listFailingWebhookEndpoints } from "@/lib/webhooks/queries";
import { recentCapHits } from "@/lib/onboarding/public-cap";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { LiveRefresh } from "@/components/live-refresh";
import { Card, PageHeader } from "@/components/ui/page-header";
import { PublicCapAlert } from "./_components/public-cap-alert";

export default async function DashboardPage() {
  const [{ t, locale }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  const [keys, systems, requests, expiring, findings, failingHooks, capHits] = await Promise.all([
    listKeys({ actor, environment }),
    listSystems({ actor, environment }),
    listRequests({ actor, environment }),
    listExpiringKeys(actor),
    openFindingCount({ actor, environment }),
    listFailingWebhookEndpoints({ actor, environment }),
    recentCapHits({ actor, environment }),
  ]);
  const date = (d: Date) => d.toLocaleDateString(dateLocale(locale));
  const steps = [
    { label: t("dashboard.step.key"), done: keys.length > 0, href: "/environment" },
    { label: t("dashboard.step.system"), done: systems.length > 0, href: "/systems/new" },
    { label: t("dashboard.step.request"), done: requests.length > 0, href: "/requests" },
    { label: t("dashboard.step.accepted"), done: requests.some((r) => r.status === "Accepted"), href: "/customers" },
  ];
  return (
    <>
      <PageHeader title={t("dashboard.title")} />
      <LiveRefresh />
      <PublicCapAlert
        hits={capHits}
        t={t}
        locale={locale}
        when={(d) => d.toLocaleString(dateLocale(locale), { timeZone: "Europe/Oslo" })}
      />
      {expiring.length > 0 && (
        <section aria-labelledby="expiring-title" className="mb-6 rounded-lg border-2 border-red-700 bg-red-50 p-4">
          <h2 id="expiring-title" className="mb-2 text-lg font-semibold text-red-900">
            {t("dashboard.expiring.title")}
          </h2>
          <ul className="space-y-1 text-sm">
            {expiring.map((k) => {
              const vars = {
                kid: k.kid,
                env: k.environment.name,
                state: t(`keys.stateName.${k.state}`),
                date: date(k.expiresAt),
                days: k.daysLeft,
              };
              return (
                <li
                  key={k.id}
                  data-level={k.level}
                  className={k.level === "warning" ? "text-slate-900" : "font-semibold text-red-900"}
                >
                  {t(`keys.expiry.${k.level}`)}:{" "}
                  {t(
                    k.level === "expired"
                      ? "dashboard.expiring.expired"
                      : k.daysLeft === 0
                        ? "dashboard.expiring.today"
                        : "dashboard.expiring.item",
                    vars,
                  )}{" "}
                  <Link href="/environment" className="text-brand-700 underline">
                    {t("dashboard.expiring.fix")}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {failingHooks.length > 0 && (
        <section
          aria-labelledby="failing-hooks-title"
          className="mb-6 rounded-lg border-2 border-red-700 bg-red-50 p-4"
        >
          <h2 id="failing-hooks-title" className="mb-2 text-lg font-semibold text-red-900">
            {t("webhooks.dashboard.title")}
          </h2>
          <ul className="space-y-1 text-sm">
            {failingHooks.map((h) => (
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
      <Card title={t("recon.dashboard")}>
        <p data-testid="open-findings" data-count={findings}>
          <Link
            href="/reconciliation"
            className={findings > 0 ? "font-semibold text-red-900 underline" : "text-brand-700 underline"}
          >
            {t("recon.dashboard.count", { count: findings })}
          </Link>
        </p>
      </Card>
      <Card title={`${t("dashboard.checklist")} · ${environment.name}`}>
        <ol className="space-y-3">
          {steps.map((s, i) => (
            <li key={s.href} className="flex items-center gap-3">
              <span
                aria-hidden
                className={`flex h-7 w-7 items-center justify-center rounded-full text-sm font-bold ${s.done ? "bg-green-700 text-white" : "bg-slate-200 text-slate-800"}`}
              >
                {s.done ? "✓" : i + 1}
              </span>
              <Link href={s.href} className="text-brand-700 underline">
                {s.label}
              </Link>
              <span className="text-sm text-slate-700">({s.done ? t("dashboard.done") : t("dashboard.todo")})</span>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
