import { describe, expect, it } from "vitest";
import { isCalendarDay, osloDate, osloDayEnd, osloDayStart } from "@/lib/audit/oslo-day";

describe("Oslo calendar days", () => {
  it("begins a winter day at 23:00 UTC and a summer day at 22:00 UTC the day before", () => {
    expect(osloDayStart("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(osloDayStart("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });

  it("ends a day where the next begins, 23 hours long when the clock springs forward and 25 when it falls back", () => {
    // 2026: summer time from 29 March, winter time from 25 October.
    expect(osloDayEnd("2026-03-29").getTime() - osloDayStart("2026-03-29").getTime()).toBe(23 * 3_600_000);
    expect(osloDayEnd("2026-10-25").getTime() - osloDayStart("2026-10-25").getTime()).toBe(25 * 3_600_000);
    expect(osloDayEnd("2026-12-31").toISOString()).toBe("2026-12-31T23:00:00.000Z");
  });

  it("names the Oslo day of an instant, which is not the UTC day just before midnight", () => {
    expect(osloDate(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(osloDate(new Date("2026-01-14T22:59:59Z"))).toBe("2026-01-14");
  });

  it("accepts real days only", () => {
    expect(isCalendarDay("2026-02-28")).toBe(true);
    expect(isCalendarDay("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-04-31", "2026-13-01", "26-01-01", "2026-1-1", "1999-12-31", ""])
      expect(isCalendarDay(bad), bad).toBe(false);
  });
});
