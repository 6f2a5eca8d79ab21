import type { Translate } from "@/lib/i18n";
import type { WebhookDeliveryView } from "@/lib/webhooks/queries";
import { ReplayDeliveryButton } from "./replay-forms";

const STATUS_STYLE: Record<WebhookDeliveryView["status"], string> = {
  pending: "border-amber-700 bg-amber-50 text-amber-900",
  working: "border-amber-700 bg-amber-50 text-amber-900",
  succeeded: "border-green-700 bg-green-50 text-green-900",
  failed: "border-red-700 bg-red-50 text-red-900",
  held: "border-slate-600 bg-slate-100 text-slate-900",
};

type Props = {
  endpointId: string;
  deliveries: WebhookDeliveryView[];
  canManage: boolean;
  t: Translate;
  date: (d: Date) => string;
};

/** Each delivery with its event and status; its attempts (answer, latency, first KiB) open below it. */
export function DeliveryLog({ endpointId, deliveries, canManage, t, date }: Props) {
  if (deliveries.length === 0) return <p>{t("webhooks.log.none")}</p>;
  return (
    <ul className="divide-y divide-slate-200">
      {deliveries.map((d) => (
        <li key={d.id} className="py-3" data-delivery={d.id} data-status={d.status}>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className={`rounded border px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[d.status]}`}>
              {t(`webhooks.status.${d.status}`)}
            </span>
            <span className="font-mono">{d.event.type}</span>
            <span className="text-slate-700">
              #{d.event.sequence} · {date(d.event.timestamp)} · {t("webhooks.log.attempts")}: {d.attempts}
              {d.nextAttemptAt && ` · ${t("webhooks.log.next", { date: date(d.nextAttemptAt) })}`}
            </span>
            {canManage && d.status !== "working" && <ReplayDeliveryButton endpointId={endpointId} deliveryId={d.id} />}
          </div>
          {d.log.length > 0 && (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm text-brand-700">
                {t("webhooks.log.details", { id: d.event.id })}
              </summary>
              <table className="mt-2 w-full text-left text-xs">
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-1">
                      {t("webhooks.log.when")}
                    </th>
                    <th scope="col">{t("webhooks.log.status")}</th>
                    <th scope="col">{t("webhooks.log.latency")}</th>
                    <th scope="col">{t("webhooks.log.answer")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.log.map((a, i) => (
                    <tr key={i} className="border-b border-slate-100 align-top">
                      <td className="py-1 pr-2">{date(a.at)}</td>
                      <td className="pr-2">{a.status ?? t("webhooks.attempt.noAnswer")}</td>
                      <td className="pr-2">{t("webhooks.attempt.latency", { ms: a.latencyMs })}</td>
                      <td>
                        {a.error && <p className="text-red-800">{a.error}</p>}
                        {a.responseExcerpt && (
                          <pre className="max-h-32 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-1">
                            {a.responseExcerpt}
                          </pre>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
