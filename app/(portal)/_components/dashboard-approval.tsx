import type { ApprovalWeek } from "@/lib/dashboard/approval";
import type { Locale, Translate } from "@/lib/i18n";
import { dateLocale } from "@/lib/i18n";
import { ChartFigure, DataTable } from "@/components/charts/chart-figure";
import { durationTicks, formatSeconds } from "@/components/charts/format";
import { WeekBars } from "@/components/charts/week-bars";
import { Card } from "@/components/ui/page-header";

const FILLS = { a: "fill-brand-700", b: "fill-amber-600" };

/** Median and 90th percentile time from request to approval, by week of approval. */
export function DashboardApproval({ weeks, t, locale }: { weeks: ApprovalWeek[]; t: Translate; locale: Locale }) {
  const approved = weeks.reduce((n, w) => n + w.approved, 0);
  const latest = weeks.findLast((w) => w.approved > 0);
  const dur = (s: number | null) => (s === null ? "–" : formatSeconds(s, t, locale));
  const day = (week: string) =>
    new Date(`${week}T00:00:00Z`).toLocaleDateString(dateLocale(locale), {
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    });
  const short = (week: string) =>
    new Date(`${week}T00:00:00Z`).toLocaleDateString(dateLocale(locale), {
      day: "numeric",
      month: "numeric",
      timeZone: "UTC",
    });
  const ticks = durationTicks(Math.max(0, ...weeks.map((w) => w.p90 ?? 0)));
  return (
    <Card title={t("dashboard.approval.title")}>
      {!latest ? (
        <p>{t("dashboard.approval.empty")}</p>
      ) : (
        <ChartFigure
          captionId="approval-caption"
          caption={t("dashboard.approval.summary", {
            approved,
            week: day(latest.week),
            median: dur(latest.median),
            p90: dur(latest.p90),
          })}
          legend={[
            { label: t("dashboard.col.median"), swatch: "bg-brand-700" },
            { label: t("dashboard.col.p90"), swatch: "bg-amber-600" },
          ]}
          chart={
            <WeekBars
              labelledBy="approval-caption"
              weeks={weeks.map((w) => ({ key: w.week, label: short(w.week), a: w.median, b: w.p90 }))}
              ticks={ticks}
              format={(s) => formatSeconds(s, t, locale)}
              fills={FILLS}
            />
          }
          note={t("dashboard.approval.note")}
          tableLabel={t("dashboard.table")}
          table={
            <DataTable
              caption={t("dashboard.approval.title")}
              columns={[
                t("dashboard.col.week"),
                t("dashboard.col.approved"),
                t("dashboard.col.median"),
                t("dashboard.col.p90"),
              ]}
              rows={weeks.map((w) => ({ key: w.week, cells: [day(w.week), w.approved, dur(w.median), dur(w.p90)] }))}
            />
          }
        />
      )}
    </Card>
  );
}
