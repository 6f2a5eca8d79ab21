import { describe, expect, it } from "vitest";
import { formatOffsets, offsetsSchema } from "@/lib/mail/schema";

describe("reminder offsets", () => {
  it("reads days, hours and minutes, before (negative) and after, and writes them back", () => {
    const parsed = offsetsSchema.parse("3d, 10d, -7d, 30m, 2h");
    expect(parsed).toEqual([3 * 1440, 10 * 1440, -7 * 1440, 30, 120]);
    expect(formatOffsets(parsed)).toBe("3d, 10d, -7d, 30m, 2h");
  });
  it("refuses what is not an offset, and drops zero and repeats", () => {
    expect(offsetsSchema.safeParse("3 days").success).toBe(false);
    expect(offsetsSchema.parse("0m, 5m, 5m")).toEqual([5]);
    expect(offsetsSchema.parse("")).toEqual([]);
  });
});
