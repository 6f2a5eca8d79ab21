import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/core/errors";
import { requireScope } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { getWebhookEndpoint, listWebhookDeliveries } from "@/lib/webhooks/queries";
import { Card, PageHeader } from "@/components/ui/page-header";
import { DeliveryLog } from "../_components/delivery-log";
import { EndpointControls } from "../_components/endpoint-controls";
import { EndpointForm } from "../_components/endpoint-form";
import { Health } from "../_components/health";
import { ReplaySinceForm } from "../_components/replay-forms";
import { SecretPanel } from "../_components/secret-panel";

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const [{ id }, { cursor }, { t, locale }, scope] = await Promise.all([params, searchParams, getT(), requireScope()]);
  // Scoped to the current environment: another environment's endpoint is a 404 here.
  const [e, page] = await Promise.all([
    getWebhookEndpoint(scope, id),
    listWebhookDeliveries(scope, id, { cursor }),
  ]).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const canManage = can(scope.actor.role, "webhooks.manage");
  const date = (d: Date) => d.toLocaleString(dateLocale(locale));
  return (
    <>
      <PageHeader title={t("webhooks.detail")}>
        <Link href="/webhooks" className="text-sm text-brand-700 underline">
          {t("common.back")}
        </Link>
      </PageHeader>
      <Card>
        <p className="break-all font-mono text-sm font-semibold">{e.url}</p>
        {e.description && <p className="text-sm">{e.description}</p>}
        <p className="mt-1 text-sm">
          {t("webhooks.events")}: {e.events.length === 0 ? t("webhooks.allEvents") : e.events.join(", ")}
        </p>
        <p className="text-xs text-slate-700">
          {t("webhooks.createdBy", { who: e.createdByLabel, date: date(e.createdAt) })}
        </p>
        <div className="mt-2">
          <Health e={e} t={t} date={date} />
        </div>
        {e.failingSince && <p className="mt-2 text-sm text-red-900">{t("webhooks.failingHelp")}</p>}
        {e.previousSecretExpiresAt && (
          <p className="mt-2 text-sm">{t("webhooks.secret.rotating", { date: date(e.previousSecretExpiresAt) })}</p>
        )}
      </Card>
      {canManage && (
        <>
          <Card title={t("webhooks.secret.title")}>
            <p className="mb-3 text-sm">{t("webhooks.secret.intro")}</p>
            <SecretPanel endpointId={e.id} />
          </Card>
          <Card title={t("webhooks.replaySince")}>
            <ReplaySinceForm endpointId={e.id} />
          </Card>
          <Card title={t("webhooks.settings")}>
            <EndpointControls endpointId={e.id} enabled={e.enabled} />
            <hr className="my-6 border-slate-200" />
            <EndpointForm existing={{ id: e.id, url: e.url, description: e.description, events: e.events }} />
          </Card>
        </>
      )}
      <Card title={t("webhooks.log")}>
        <DeliveryLog endpointId={e.id} deliveries={page.data} canManage={canManage} t={t} date={date} />
        <nav className="mt-4 flex gap-4 text-sm">
          {cursor && (
            <Link href={`/webhooks/${e.id}`} className="text-brand-700 underline">
              {t("webhooks.log.newest")}
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`/webhooks/${e.id}?cursor=${page.nextCursor}`} className="text-brand-700 underline">
              {t("webhooks.log.older")}
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
