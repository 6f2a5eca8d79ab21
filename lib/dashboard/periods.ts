// The dashboard's windows, in UTC like the rollups' days, weeks and hours (migration 0020). Pure.

export const FUNNEL_DAYS = 30;
export const APPROVAL_WEEKS = 12;
export const CALL_HOURS = 24;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type Periods = {
  /** The first day of the funnel: today and the 29 days before it. */
  funnelFrom: string;
  /** Mondays of the approval chart's weeks, oldest first; the last is this week's. */
  weeks: string[];
  /** The first hour of the call statistics: this hour and the 23 before it. */
  callsFrom: Date;
};

export function periods(now: Date = new Date()): Periods {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  // getUTCDay: 0 is Sunday; weeks start on Monday as PostgreSQL's date_trunc('week', …) has them.
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  return {
    funnelFrom: isoDay(today - (FUNNEL_DAYS - 1) * DAY_MS),
    weeks: Array.from({ length: APPROVAL_WEEKS }, (_, i) => isoDay(monday - (APPROVAL_WEEKS - 1 - i) * 7 * DAY_MS)),
    callsFrom: new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (CALL_HOURS - 1) * HOUR_MS),
  };
}
