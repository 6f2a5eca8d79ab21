import { describe, expect, it } from "vitest";
import { expiresSoon, isRenewable, requestExpiresAt } from "@/lib/requests/expiry";

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

  it("renews answered requests at any age and waiting ones only in their last week", () => {
    for (const status of ["Rejected", "Denied", "Timedout"])
      expect(isRenewable({ status, createdAt: aged(1) }, now)).toBe(true);
    expect(isRenewable({ status: "Accepted", createdAt: aged(25) }, now)).toBe(false);
    expect(isRenewable({ status: "New", createdAt: aged(2) }, now)).toBe(false);
    expect(isRenewable({ status: "New", createdAt: aged(22) }, now)).toBe(true);
  });
});
