import { describe, expect, it } from "vitest";
import { nextCheckAt, nextCheckDelayMs } from "./polling";

describe("request poller back-off", () => {
  it("starts at a minute and grows, never shrinking", () => {
    const delays = Array.from({ length: 12 }, (_, i) => nextCheckDelayMs(i));
    expect(delays[0]).toBe(60_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
  });
  it("settles at six hours, so the 28-day expiry is seen the same day", () => {
    expect(nextCheckDelayMs(7)).toBe(6 * 3_600_000);
    expect(nextCheckDelayMs(500)).toBe(6 * 3_600_000);
  });
  it("counts from the given moment", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    expect(nextCheckAt(2, now).toISOString()).toBe("2026-11-25T12:05:00.000Z");
  });
});
