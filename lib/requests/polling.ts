/**
 * When the background poller next reads a waiting request. Customers mostly answer within minutes of
 * getting the link, so checks start often and thin out; a request still waiting after a day is read a
 * few times a day until Altinn's 28-day expiry (which the last step always reaches within 6 hours).
 * The customer's return through the callback checks at once whatever this says.
 */
const STEPS_MS = [1, 2, 5, 10, 30, 60, 180].map((m) => m * 60_000);
const LAST_STEP_MS = 6 * 60 * 60_000;

export function nextCheckDelayMs(checksSoFar: number): number {
  return STEPS_MS[checksSoFar] ?? LAST_STEP_MS;
}

export function nextCheckAt(checksSoFar: number, now = new Date()): Date {
  return new Date(now.getTime() + nextCheckDelayMs(checksSoFar));
}
