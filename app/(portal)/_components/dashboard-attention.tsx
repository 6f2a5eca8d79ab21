import Link from "next/link";
import type { Dashboard } from "@/lib/dashboard/queries";
import type { ExpiringRequest } from "@/lib/dashboard/attention";
import type { Locale, Translate } from "@/lib/i18n";
import { Card } from "@/components/ui/page-header";
import { RenewButton } from "./renew-button";

const left = (r: ExpiringRequest, t: Translate) =>
  r.daysLeft <= 0
    ? t("dashboard.left.today")
    : r.daysLeft === 1
      ? t("dashboard.left.one")
      : t("dashboard.left.many", { count: r.daysLeft });

/**
 * Waiting requests in their last week, each with Renew (a new request, 28 fresh days) and Remind (the request's
 * page: its link, QR code and a ready message to send, since the portal sends no e-mail), and the open drift.
 */
export function DashboardAttention({
  expiring,
  findings,
  canRenew,
  t,
  locale,
  when,
}: {
  expiring: Dashboard["expiring"];
  findings: number;
  canRenew: boolean;
  t: Translate;
  locale: Locale;
  when: (d: Date) => string;
}) {
  return (
    <Card title={t("dashboard.attention")}>
      <h3 id="expiring-requests-title" className="mb-2 font-semibold">
        {t("dashboard.expiringRequests")}
      </h3>
      {expiring.requests.length === 0 ? (
        <p className="mb-4 text-sm">{t("dashboard.expiringRequests.none")}</p>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-800">{t("dashboard.expiringRequests.help")}</p>
          <ul aria-labelledby="expiring-requests-title" className="mb-4 divide-y divide-slate-200 text-sm">
            {expiring.requests.map((r) => {
              const customer = r.customer.name ? `${r.customer.name} (${r.customer.orgNo})` : r.customer.orgNo;
              return (
                <li key={r.id} data-request={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                  <Link href={`/customers/${r.customer.id}`} className="font-medium text-brand-700 underline">
                    {customer}
                  </Link>
                  <span className={r.daysLeft <= 1 ? "font-semibold text-red-900" : ""}>
                    {t("dashboard.expiringRequests.item", {
                      system: r.system.name[locale],
                      date: when(r.expiresAt),
                      left: left(r, t),
                    })}
                  </span>
                  <span className="ml-auto flex items-center gap-2">
                    {canRenew && <RenewButton id={r.id} customer={customer} />}
                    <Link href={`/requests/${r.id}`} className="text-brand-700 underline">
                      {t("dashboard.remind")}
                      <span className="sr-only"> {customer}</span>
                    </Link>
                  </span>
                </li>
              );
            })}
          </ul>
          {expiring.more && (
            <p className="mb-4 text-sm">
              {t("dashboard.expiringRequests.more", { count: expiring.requests.length })}{" "}
              <Link href="/requests?status=New" className="text-brand-700 underline">
                {t("dashboard.expiringRequests.all")}
              </Link>
            </p>
          )}
        </>
      )}
      <h3 className="mb-2 font-semibold">{t("recon.dashboard")}</h3>
      <p data-testid="open-findings" data-count={findings}>
        <Link
          href="/reconciliation"
          className={findings > 0 ? "font-semibold text-red-900 underline" : "text-brand-700 underline"}
        >
          {t("recon.dashboard.count", { count: findings })}
        </Link>
      </p>
    </Card>
  );
}
