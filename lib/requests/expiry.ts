// Pure, so pages, the API and the data layer agree on when a request runs out and may be renewed.

/** Altinn's archiver soft-deletes requests this many days after creation (CONTRACT §4.1). */
export const REQUEST_LIFETIME_DAYS = 28;
/** A waiting request this close to the end is worth a reminder or a renew (the dashboard lists them). */
export const EXPIRY_WARNING_DAYS = 7;

const DAY_MS = 86_400_000;

export const requestExpiresAt = (createdAt: Date) => new Date(createdAt.getTime() + REQUEST_LIFETIME_DAYS * DAY_MS);

/** Waiting for the customer, and Altinn forgets it within EXPIRY_WARNING_DAYS. */
export function expiresSoon(r: { status: string; createdAt: Date }, now: number = Date.now()): boolean {
  const left = requestExpiresAt(r.createdAt).getTime() - now;
  return r.status === "New" && left > 0 && left <= EXPIRY_WARNING_DAYS * DAY_MS;
}

// Norway's calendar: "expires today" means today where the vendor works, whatever the server's zone. One
// formatter for all: toLocaleDateString with a zone builds a new one per call (0.1 ms each, a list's worth adds up).
const OSLO_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Oslo" });
const osloDay = (d: Date) => Date.parse(OSLO_DAY.format(d));

/** Calendar days (in Norway) from `now` to `at`: 0 when it is today, 1 when tomorrow. */
export const calendarDaysUntil = (at: Date, now: Date): number => Math.round((osloDay(at) - osloDay(now)) / DAY_MS);

// A rejected request blocks new ones at Altinn until deleted, an expired one is gone already, and one in its
// last week gets 28 fresh days: the same delete-then-create serves all three.
const ANSWERED = new Set(["Rejected", "Denied", "Timedout"]);

export function isRenewable(r: { status: string; createdAt: Date }, now: number = Date.now()): boolean {
  return ANSWERED.has(r.status) || expiresSoon(r, now);
}
