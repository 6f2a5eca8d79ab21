// Digdir keys live a year; a key that lapses unnoticed stops every call (MP-121). Warn twice.
export const WARN_DAYS = 30;
export const CRITICAL_DAYS = 7;
const DAY_MS = 86_400_000;

export type ExpiryLevel = "expired" | "critical" | "warning";

export function expiryLevel(expiresAt: Date, now: number = Date.now()): ExpiryLevel | null {
  const left = expiresAt.getTime() - now;
  if (left <= 0) return "expired";
  if (left <= CRITICAL_DAYS * DAY_MS) return "critical";
  if (left <= WARN_DAYS * DAY_MS) return "warning";
  return null;
}

/** Whole days left, as a calendar counts them (a key imported to expire at the end of 5 December has 10 days on 25 November); 0 means today. */
export const daysLeft = (expiresAt: Date, now: number = Date.now()) =>
  Math.max(0, Math.floor((expiresAt.getTime() - now) / DAY_MS));
