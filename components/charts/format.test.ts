import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n";
import { durationTicks, formatMs, formatPercent, formatSeconds } from "@/components/charts/format";

const nb = translator("nb");
const en = translator("en");

describe("dashboard number formats", () => {
  it("writes a span in the unit that reads best, in each language", () => {
    expect(formatSeconds(45, nb, "nb")).toBe("45 s");
    expect(formatSeconds(150, en, "en")).toBe("2.5 min");
    expect(formatSeconds(150, nb, "nb")).toBe("2,5 min");
    expect(formatSeconds(1800, en, "en")).toBe("30 min");
    expect(formatSeconds(5400, nb, "nb")).toBe("1,5 t");
    expect(formatSeconds(5400, en, "en")).toBe("1.5 h");
    expect(formatSeconds(2.5 * 86_400, en, "en")).toBe("2.5 d");
  });

  it("writes call durations in ms below a second", () => {
    expect(formatMs(87.4, en, "en")).toBe("87 ms");
    expect(formatMs(1234, nb, "nb")).toBe("1,2 s");
  });

  it("writes a share as a percentage, 0 when there is nothing", () => {
    expect(formatPercent(1, 8, "en")).toBe("12.5%");
    expect(formatPercent(0, 0, "en")).toBe("0%");
  });

  it("puts at most five gridlines on a step people count in", () => {
    expect(durationTicks(50)).toEqual([0, 15, 30, 45, 60]);
    expect(durationTicks(3 * 3600)).toEqual([0, 3600, 7200, 10_800]);
    expect(durationTicks(2.2 * 86_400)).toEqual([0, 86_400, 172_800, 259_200]);
    expect(durationTicks(0)).toEqual([0, 1]);
    for (const max of [7, 400, 9000, 50_000, 400_000]) {
      const ticks = durationTicks(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
    }
  });
});
