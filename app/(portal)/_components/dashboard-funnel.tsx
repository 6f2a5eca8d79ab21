import type { FunnelRow } from "@/lib/dashboard/funnel";
import type { Locale, Translate } from "@/lib/i18n";
import { BarRows } from "@/components/charts/bar-rows";
import { ChartFigure, DataTable } from "@/components/charts/chart-figure";
import { Card } from "@/components/ui/page-header";

// Stage colours keep 3:1 against white (WCAG 1.4.11); the table carries the numbers for everyone else.
const STAGES = [
  { key: "accepted", fill: "fill-green-700", swatch: "bg-green-700" },
  { key: "rejected", fill: "fill-red-700", swatch: "bg-red-700" },
  { key: "expired", fill: "fill-amber-600", swatch: "bg-amber-600" },
  { key: "open", fill: "fill-slate-500", swatch: "bg-slate-500" },
] as const;

/** Requests of the last 30 days per system, from created to where they stand now. */
export function DashboardFunnel({ funnel, t, locale }: { funnel: FunnelRow[]; t: Translate; locale: Locale }) {
  const sum = (k: "created" | (typeof STAGES)[number]["key"]) => funnel.reduce((n, f) => n + f[k], 0);
  const name = (f: FunnelRow) => `${f.system.name[locale]} (${f.system.systemId})`;
  return (
    <Card title={t("dashboard.funnel.title")}>
      {funnel.length === 0 ? (
        <p>{t("dashboard.funnel.empty")}</p>
      ) : (
        <ChartFigure
          captionId="funnel-caption"
          caption={t("dashboard.funnel.summary", {
            created: sum("created"),
            systems: funnel.length,
            accepted: sum("accepted"),
            rejected: sum("rejected"),
            expired: sum("expired"),
            open: sum("open"),
          })}
          legend={STAGES.map((s) => ({ label: t(`dashboard.stage.${s.key}`), swatch: s.swatch }))}
          chart={
            <BarRows
              labelledBy="funnel-caption"
              rows={funnel.map((f) => ({
                key: f.system.id,
                label: name(f),
                segments: STAGES.map((s) => ({ key: s.key, value: f[s.key], fill: s.fill })),
                note: t("dashboard.funnel.bar", { created: f.created, accepted: f.accepted }),
              }))}
            />
          }
          note={t("dashboard.funnel.note")}
          tableLabel={t("dashboard.table")}
          table={
            <DataTable
              caption={t("dashboard.funnel.title")}
              columns={[
                t("dashboard.col.system"),
                t("dashboard.stage.created"),
                ...STAGES.map((s) => t(`dashboard.stage.${s.key}`)),
              ]}
              rows={funnel.map((f) => ({
                key: f.system.id,
                cells: [name(f), f.created, ...STAGES.map((s) => f[s.key])],
              }))}
            />
          }
        />
      )}
    </Card>
  );
}
