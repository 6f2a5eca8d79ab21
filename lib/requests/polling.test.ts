import { describe, expect, it } from "vitest";
import { nextCheckAt, nextCheckDelayMs } from "./polling";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Altinn forgets a request 28 days after creation (REQUEST_LIFETIME_DAYS in ./sync, CONTRACT §4.1). */
const LIFETIME_MS = 28 * 24 * HOUR;

/** The moments of the first `n` checks of a request nobody answers, counted from its creation. */
function checkTimes(n: number): number[] {
  const at: number[] = [];
  let t = 0;
  for (let checks = 0; checks < n; checks++) {
    t += nextCheckDelayMs(checks);
    at.push(t);
  }
  return at;
}

describe("request poller back-off", () => {
  it("waits 1, 2, 5, 10, 30, 60 and 180 minutes before each of the first seven checks, then 6 hours", () => {
    expect(Array.from({ length: 10 }, (_, i) => nextCheckDelayMs(i) / MINUTE)).toEqual([
      1, 2, 5, 10, 30, 60, 180, 360, 360, 360,
    ]);
    expect(nextCheckDelayMs(500)).toBe(6 * HOUR);
  });

  it("so checks fall 1, 3, 8, 18, 48, 108 and 288 minutes after creation, then every 6 hours", () => {
    const at = checkTimes(10);
    expect(at.map((t) => t / MINUTE)).toEqual([1, 3, 8, 18, 48, 108, 288, 648, 1008, 1368]);
  });

  it("reaches Altinn's 28-day expiry with the 119th check, 4 h 48 min after it", () => {
    const at = checkTimes(200);
    const first = at.findIndex((t) => t >= LIFETIME_MS);
    expect(first + 1).toBe(119);
    expect(at[first]).toBe(288 * MINUTE + 112 * 6 * HOUR);
    expect((at[first] ?? 0) - LIFETIME_MS).toBe(4 * HOUR + 48 * MINUTE);
    expect(LIFETIME_MS - (at[first - 1] ?? 0)).toBe(72 * MINUTE);
  });

  it("counts from the given moment", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    expect(nextCheckAt(0, now).toISOString()).toBe("2026-11-25T12:01:00.000Z");
    expect(nextCheckAt(2, now).toISOString()).toBe("2026-11-25T12:05:00.000Z");
    expect(nextCheckAt(6, now).toISOString()).toBe("2026-11-25T15:00:00.000Z");
    expect(nextCheckAt(7, now).toISOString()).toBe("2026-11-25T18:00:00.000Z");
  });
});
