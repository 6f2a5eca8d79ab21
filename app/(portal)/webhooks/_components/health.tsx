import type { Translate } from "@/lib/i18n";
import type { WebhookEndpointView } from "@/lib/webhooks/queries";

const STYLE = {
  healthy: "border-green-700 bg-green-50 text-green-900",
  failing: "border-red-700 bg-red-50 text-red-900",
  disabled: "border-slate-600 bg-slate-100 text-slate-900",
};

/** Healthy, failing since …, or disabled; with what waits, when anything does. */
export function Health({ e, t, date }: { e: WebhookEndpointView; t: Translate; date: (d: Date) => string }) {
  const state = !e.enabled ? "disabled" : e.failingSince ? "failing" : "healthy";
  const label =
    state === "failing" && e.failingSince
      ? t("webhooks.failingSince", { date: date(e.failingSince) })
      : t(state === "disabled" ? "webhooks.disabled" : "webhooks.healthy");
  const { pending, held, failed } = e.waiting;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span data-health={state} className={`rounded border px-2 py-0.5 text-xs font-semibold ${STYLE[state]}`}>
        {label}
      </span>
      {pending + held + failed > 0 && (
        <span className="text-xs text-slate-700">{t("webhooks.waiting", { pending, held, failed })}</span>
      )}
    </span>
  );
}
