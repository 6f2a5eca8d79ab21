import { describe, expect, it } from "vitest";
import { calendarDaysUntil, expiresSoon, isRenewable, requestExpiresAt } from "@/lib/requests/expiry";

const DAY = 86_400_000;
const now = Date.parse("2025-03-01T12:00:00Z");
const aged = (days: number) => new Date(now - days * DAY);

describe("request expiry", () => {
  it("runs out 28 days after creation", () => {
    expect(requestExpiresAt(new Date("2025-03-01T12:00:00Z")).toISOString()).toBe("2025-03-29T12:00:00.000Z");
  });

  it("warns in the last seven days of a waiting request, not before and not after", () => {
    expect(expiresSoon({ status: "New", createdAt: aged(20.9) }, now)).toBe(false);
    expect(expiresSoon({ status: "New", createdAt: aged(21) }, now)).toBe(true);
    expect(expiresSoon({ status: "New", createdAt: aged(27.9) }, now)).toBe(true);
    expect(expiresSoon({ status: "New", createdAt: aged(28) }, now)).toBe(false);
    expect(expiresSoon({ status: "Accepted", createdAt: aged(25) }, now)).toBe(false);
  });

  it("counts days left on Norway's calendar", () => {
    // 23:30 in Oslo (winter, UTC+1) and an expiry an hour later: that is tomorrow there.
    const late = new Date("2025-01-10T22:30:00Z");
    expect(calendarDaysUntil(new Date("2025-01-10T23:30:00Z"), late)).toBe(1);
    expect(calendarDaysUntil(new Date("2025-01-10T22:45:00Z"), late)).toBe(0);
    expect(calendarDaysUntil(new Date("2025-01-14T08:00:00Z"), late)).toBe(4);
    // Across the spring change (30 March 2025) a day is 23 hours, still one day.
    expect(calendarDaysUntil(new Date("2025-03-31T10:00:00Z"), new Date("2025-03-29T10:00:00Z"))).toBe(2);
  });

  it("renews answered requests at any age and waiting ones only in their last week", () => {
    for (const status of ["Rejected", "Denied", "Timedout"])
      expect(isRenewable({ status, createdAt: aged(1) }, now)).toBe(true);
    expect(isRenewable({ status: "Accepted", createdAt: aged(25) }, now)).toBe(false);
    expect(isRenewable({ status: "New", createdAt: aged(2) }, now)).toBe(false);
    expect(isRenewable({ status: "New", createdAt: aged(22) }, now)).toBe(true);
  });
});
