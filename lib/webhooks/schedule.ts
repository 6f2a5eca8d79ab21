// When a failed webhook is tried again. Entry i is the wait before attempt i + 1, as in the Standard
// Webhooks / Svix schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (eight attempts over
// about 27 hours). After the last one the delivery has failed and the endpoint is marked failing.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

const UNIT_MS = { ms: 1, s: SECOND, m: MINUTE, h: HOUR } as const;

/**
 * "0,5s,5m,30m,2h" (a bare number is milliseconds), from WEBHOOK_RETRY_SCHEDULE: operators and the
 * benchmark compress the schedule this way. env.ts has already checked the form.
 */
export function parseRetrySchedule(text: string): number[] {
  const steps = text.split(",").map((part) => {
    const m = /^\s*(\d+)(ms|s|m|h)?\s*$/.exec(part);
    if (!m) throw new Error(`WEBHOOK_RETRY_SCHEDULE: "${part}" is not a duration`);
    return Number(m[1]) * UNIT_MS[(m[2] ?? "ms") as keyof typeof UNIT_MS];
  });
  if (steps.length === 0) throw new Error("WEBHOOK_RETRY_SCHEDULE is empty");
  return steps;
}

/** The wait before the next attempt after `attemptsMade` attempts, or null when the schedule is used up. */
export function retryDelayMs(schedule: readonly number[], attemptsMade: number): number | null {
  return attemptsMade < schedule.length ? (schedule[attemptsMade] ?? null) : null;
}
