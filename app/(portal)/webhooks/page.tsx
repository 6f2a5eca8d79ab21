import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/environments/current";
import { getT } from "@/lib/i18n/server";
import { dateLocale } from "@/lib/i18n";
import { listWebhookEndpoints } from "@/lib/webhooks/queries";
import { Card, PageHeader } from "@/components/ui/page-header";
import { EndpointForm } from "./_components/endpoint-form";
import { Health } from "./_components/health";

export default async function WebhooksPage() {
  const [{ t, locale }, { actor, environment }] = await Promise.all([getT(), requireScope()]);
  const endpoints = await listWebhookEndpoints({ actor, environment });
  const date = (d: Date) => d.toLocaleString(dateLocale(locale));
  return (
    <>
      <PageHeader title={`${t("webhooks.title")} · ${environment.name}`} />
      <p className="mb-6 max-w-3xl text-sm text-slate-800">{t("webhooks.intro")}</p>
      <Card title={t("webhooks.list")}>
        {endpoints.length === 0 ? (
          <p>{t("webhooks.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {endpoints.map((e) => (
              <li key={e.id} className="py-3" data-endpoint={e.id}>
                <Link
                  href={`/webhooks/${e.id}`}
                  className="break-all font-mono text-sm text-brand-700 underline"
                  aria-label={t("webhooks.open", { url: e.url })}
                >
                  {e.url}
                </Link>
                {e.description && <p className="text-sm text-slate-800">{e.description}</p>}
                <p className="mt-1 text-xs text-slate-700">
                  {t("webhooks.events")}: {e.events.length === 0 ? t("webhooks.allEvents") : e.events.join(", ")}
                </p>
                <div className="mt-1">
                  <Health e={e} t={t} date={date} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {can(actor.role, "webhooks.manage") && (
        <Card title={t("webhooks.add")}>
          <EndpointForm />
        </Card>
      )}
    </>
  );
}
