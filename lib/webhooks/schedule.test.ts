import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule, retryDelayMs } from "@/lib/webhooks/schedule";

describe("retry schedule", () => {
  it("is the Standard Webhooks schedule: eight attempts over about 27 hours", () => {
    expect(parseRetrySchedule("0,5s,5m,30m,2h,5h,10h,10h")).toEqual(DEFAULT_RETRY_SCHEDULE_MS);
    const total = DEFAULT_RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeCloseTo(27.6, 1);
  });

  it("reads bare numbers as milliseconds", () => {
    expect(parseRetrySchedule(" 0, 20 ,50ms,1s")).toEqual([0, 20, 50, 1000]);
    expect(() => parseRetrySchedule("0,5x")).toThrow(/not a duration/);
  });

  it("gives the wait before the next attempt, and null once every attempt is used", () => {
    const schedule = [0, 10, 20];
    expect(retryDelayMs(schedule, 1)).toBe(10);
    expect(retryDelayMs(schedule, 2)).toBe(20);
    expect(retryDelayMs(schedule, 3)).toBeNull();
  });
});
