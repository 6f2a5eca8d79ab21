import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { getRequestView } from "@/lib/requests/queries";
import { listRequestEvents } from "@/lib/requests/events";
import { requireScope } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { AppError } from "@/lib/core/errors";
import { isRenewable } from "@/lib/requests/expiry";
import { Card, PageHeader } from "@/components/ui/page-header";
import { CopyButton } from "@/components/ui/copy-button";
import { LiveStatus } from "./_components/live-status";
import { RefreshForm } from "./_components/refresh-form";
import { LinkForm } from "./_components/link-form";
import { RenewForm } from "./_components/renew-form";
import { ShareLink } from "./_components/share-link";
import { Timeline } from "./_components/timeline";

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { t, locale }, scope] = await Promise.all([params, getT(), requireScope()]);
  const { actor } = scope;
  // A request of another environment is not found, like an unknown one.
  const r = await getRequestView(scope, id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const systemUserId = r.systemUser?.altinnSystemUserId ?? null;
  const events = await listRequestEvents(scope, r.id);
  const renewedAway = events.some((e) => e.kind === "renewed");
  const fmt = (d: Date) => d.toLocaleString(dateLocale(locale));
  const systemName = r.system.name as { nb: string; en: string };
  return (
    <>
      <PageHeader title={`${t("requests.detail")}: ${r.customer.orgNo}`}>
        {can(actor.role, "requests.refresh") && <RefreshForm id={r.id} />}
      </PageHeader>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("requests.status")}</dt>
          <dd>
            <LiveStatus id={r.id} initial={{ status: r.status, systemUserId }} />
          </dd>
          <dt className="font-medium">{t("agents.kind")}</dt>
          <dd data-testid="request-kind">{t(`agents.kind.${r.kind}`)}</dd>
          <dt className="font-medium">{t("requests.customer")}</dt>
          <dd className="font-mono">{r.customer.orgNo}</dd>
          <dt className="font-medium">{t("requests.system")}</dt>
          <dd>
            {(r.system.name as Record<string, string>)[locale]}{" "}
            <span className="font-mono text-sm">({r.system.systemId})</span>
          </dd>
          <dt className="font-medium">{t("requests.systemUser")}</dt>
          <dd className="font-mono" data-testid="system-user-id">
            {systemUserId ?? "–"}
          </dd>
          <dt className="font-medium">{t("requests.created")}</dt>
          <dd>
            {fmt(r.createdAt)} · {t(`requests.via.${r.createdVia}`)}
          </dd>
          <dt className="font-medium">{t("requests.confirmUrl")}</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <a href={r.confirmUrl} className="break-all font-mono text-sm text-brand-700 underline">
              {r.confirmUrl}
            </a>
            <CopyButton text={r.confirmUrl} />
          </dd>
        </dl>
        {can(actor.role, "requests.create") && <LinkForm id={r.id} />}
      </Card>
      {r.status === "New" && (
        <Card title={t("share.title")}>
          <ShareLink
            t={t}
            url={r.confirmUrl}
            customerName={r.customer.name ?? r.customer.orgNo}
            systemName={systemName}
          />
        </Card>
      )}
      {isRenewable(r) && !renewedAway && can(actor.role, "requests.create") && (
        <Card title={t("renew.button")}>
          <RenewForm id={r.id} />
        </Card>
      )}
      <Card title={t("timeline.title")}>
        <Timeline t={t} events={events} fmt={fmt} />
      </Card>
    </>
  );
}
