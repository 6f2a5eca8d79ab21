// The audit page's dates are Norwegian calendar days (Europe/Oslo), whatever zone the server runs in.
const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function osloParts(instant: Date) {
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(PARTS.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour"), min: get("minute"), s: get("second") };
}

/** Oslo's offset from UTC at an instant, in milliseconds (one or two hours). */
function offsetAt(instant: Date): number {
  const p = osloParts(instant);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** Whether `YYYY-MM-DD` names a real day (no 31 April). */
export function isCalendarDay(ymd: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 9999 && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * The instant a day begins in Oslo. Norway changes the clock at 01:00 UTC (02:00 or 03:00 local), never
 * at midnight, so the offset at the first guess is the day's own after one correction.
 */
export function osloDayStart(ymd: string): Date {
  const [y = 0, m = 1, d = 1] = ymd.split("-").map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  const guess = utcMidnight - offsetAt(new Date(utcMidnight));
  return new Date(utcMidnight - offsetAt(new Date(guess)));
}

/** The instant the day after `ymd` begins in Oslo: the exclusive end of a "to" date. */
export function osloDayEnd(ymd: string): Date {
  const [y = 0, m = 1, d = 1] = ymd.split("-").map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return osloDayStart(next);
}

/** The Oslo calendar day of an instant, as `YYYY-MM-DD` (file names, date fields). */
export function osloDate(instant: Date): string {
  const p = osloParts(instant);
  return `${p.y}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")}`;
}
