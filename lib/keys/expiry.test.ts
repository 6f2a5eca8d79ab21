import { describe, expect, it } from "vitest";
import { daysLeft, expiryLevel } from "@/lib/keys/expiry";

const now = Date.parse("2026-11-25T12:00:00Z");
const inDays = (d: number) => new Date(now + d * 86_400_000);

describe("key expiry warnings", () => {
  it("warns at 30 days and urgently at 7, and says expired after", () => {
    expect(expiryLevel(inDays(31), now)).toBeNull();
    expect(expiryLevel(inDays(30), now)).toBe("warning");
    expect(expiryLevel(inDays(8), now)).toBe("warning");
    expect(expiryLevel(inDays(7), now)).toBe("critical");
    expect(expiryLevel(inDays(0.1), now)).toBe("critical");
    expect(expiryLevel(inDays(0), now)).toBe("expired");
    expect(expiryLevel(inDays(-3), now)).toBe("expired");
  });

  it("counts whole days left as a calendar does, never below zero", () => {
    // Imported with Digdir's date 2026-12-05 (end of day) on 2026-11-25 at noon: 10 days.
    expect(daysLeft(new Date("2026-12-05T23:59:59Z"), now)).toBe(10);
    expect(daysLeft(inDays(6.2), now)).toBe(6);
    expect(daysLeft(inDays(0.1), now)).toBe(0);
    expect(daysLeft(inDays(-2), now)).toBe(0);
  });
});
