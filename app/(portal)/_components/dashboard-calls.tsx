import Link from "next/link";
import type { EndpointStats } from "@/lib/dashboard/calls";
import type { Locale, Translate } from "@/lib/i18n";
import { BarRows } from "@/components/charts/bar-rows";
import { ChartFigure, DataTable } from "@/components/charts/chart-figure";
import { formatMs, formatPercent } from "@/components/charts/format";
import { Card } from "@/components/ui/page-header";

// Every Altinn path starts so; the chart's labels leave it out (the table keeps the whole path).
const ALTINN_PREFIX = "/authentication/api/v1";

/** Volume, error rate and latency per endpoint over this hour and the 23 before it. */
export function DashboardCalls({ calls, t, locale }: { calls: EndpointStats[]; t: Translate; locale: Locale }) {
  const total = calls.reduce((n, c) => n + c.calls, 0);
  const errors = calls.reduce((n, c) => n + c.errors, 0);
  const ms = (v: number | null) => (v === null ? "–" : formatMs(v, t, locale));
  const label = (c: EndpointStats) =>
    `${c.service} · ${c.method} ${c.endpoint.startsWith(ALTINN_PREFIX) ? c.endpoint.slice(ALTINN_PREFIX.length) : c.endpoint}`;
  return (
    <Card title={t("dashboard.calls.title")}>
      {calls.length === 0 ? (
        <p>{t("dashboard.calls.empty")}</p>
      ) : (
        <ChartFigure
          captionId="calls-caption"
          caption={t("dashboard.calls.summary", {
            calls: total,
            endpoints: calls.length,
            errors,
            rate: formatPercent(errors, total, locale),
          })}
          legend={[
            { label: t("dashboard.calls.ok"), swatch: "bg-brand-700" },
            { label: t("dashboard.calls.failed"), swatch: "bg-red-700" },
          ]}
          chart={
            <BarRows
              labelledBy="calls-caption"
              rows={calls.map((c) => ({
                key: `${c.service} ${c.method} ${c.endpoint}`,
                label: label(c),
                segments: [
                  { key: "ok", value: c.calls - c.errors, fill: "fill-brand-700" },
                  { key: "failed", value: c.errors, fill: "fill-red-700" },
                ],
                note: t("dashboard.calls.bar", {
                  calls: c.calls,
                  rate: formatPercent(c.errors, c.calls, locale),
                  median: ms(c.median),
                }),
              }))}
            />
          }
          note={
            <>
              {t("dashboard.calls.note")}{" "}
              <Link href="/calls" className="text-brand-700 underline">
                {t("dashboard.calls.log")}
              </Link>
            </>
          }
          tableLabel={t("dashboard.table")}
          table={
            <DataTable
              caption={t("dashboard.calls.title")}
              columns={[
                t("dashboard.col.endpoint"),
                t("dashboard.col.calls"),
                t("dashboard.col.errors"),
                t("dashboard.col.errorRate"),
                t("dashboard.col.median"),
                t("dashboard.col.p95"),
              ]}
              rows={calls.map((c) => ({
                key: `${c.service} ${c.method} ${c.endpoint}`,
                cells: [
                  <span key="e" className="font-mono text-xs">{`${c.service} · ${c.method} ${c.endpoint}`}</span>,
                  c.calls,
                  c.errors,
                  formatPercent(c.errors, c.calls, locale),
                  ms(c.median),
                  ms(c.p95),
                ],
              }))}
            />
          }
        />
      )}
    </Card>
  );
}
