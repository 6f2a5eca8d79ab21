// Numbers on the dashboard's charts and tables, in the reader's language. Pure, so the unit test pins them.
import { dateLocale, type Locale, type Translate } from "@/lib/i18n";

const number = (locale: Locale, n: number, digits: number) =>
  new Intl.NumberFormat(dateLocale(locale), { maximumFractionDigits: digits }).format(n);

/** A span in seconds in the largest unit that keeps it readable: 45 s, 12 min, 3.5 h, 2.1 d. */
export function formatSeconds(seconds: number, t: Translate, locale: Locale): string {
  if (seconds < 60) return t("dashboard.unit.s", { n: number(locale, seconds, 0) });
  if (seconds < 3600) return t("dashboard.unit.min", { n: number(locale, seconds / 60, seconds < 600 ? 1 : 0) });
  if (seconds < 86_400) return t("dashboard.unit.h", { n: number(locale, seconds / 3600, 1) });
  return t("dashboard.unit.d", { n: number(locale, seconds / 86_400, 1) });
}

/** A call's duration: whole milliseconds below a second, seconds with one decimal above. */
export function formatMs(ms: number, t: Translate, locale: Locale): string {
  return ms < 1000
    ? t("dashboard.unit.ms", { n: number(locale, ms, 0) })
    : t("dashboard.unit.s", { n: number(locale, ms / 1000, 1) });
}

export function formatPercent(part: number, whole: number, locale: Locale): string {
  return new Intl.NumberFormat(dateLocale(locale), { style: "percent", maximumFractionDigits: 1 }).format(
    whole > 0 ? part / whole : 0,
  );
}

// Steps a duration axis may use, in seconds: each a span people count in.
const STEPS = [
  1,
  5,
  15,
  30,
  60,
  300,
  900,
  1800,
  3600,
  7200,
  4 * 3600,
  6 * 3600,
  12 * 3600,
  86_400,
  2 * 86_400,
  7 * 86_400,
];

/** Gridlines for a duration axis from 0 to at least `max`: at most 5, on a step people count in. */
export function durationTicks(max: number): number[] {
  const step = STEPS.find((s) => max / s <= 4) ?? Math.ceil(max / 4 / 86_400) * 86_400;
  const count = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}
