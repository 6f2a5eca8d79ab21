import { describe, expect, it } from "vitest";
import { periods } from "@/lib/dashboard/periods";

describe("dashboard periods", () => {
  it("covers today and 29 days before, 12 weeks from Monday, and this hour with the 23 before", () => {
    // A Wednesday.
    const p = periods(new Date("2025-03-05T10:42:00Z"));
    expect(p.funnelFrom).toBe("2025-02-04");
    expect(p.weeks).toHaveLength(12);
    expect(p.weeks.at(-1)).toBe("2025-03-03");
    expect(p.weeks[0]).toBe("2024-12-16");
    expect(p.callsFrom.toISOString()).toBe("2025-03-04T11:00:00.000Z");
  });

  it("starts the week on the Monday itself and keeps Sunday in the week before", () => {
    expect(periods(new Date("2025-03-03T00:00:00Z")).weeks.at(-1)).toBe("2025-03-03");
    expect(periods(new Date("2025-03-09T23:59:59Z")).weeks.at(-1)).toBe("2025-03-03");
    expect(periods(new Date("2025-03-10T00:00:00Z")).weeks.at(-1)).toBe("2025-03-10");
  });
});
