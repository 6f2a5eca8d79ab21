import { describe, expect, it } from "vitest";
import { checkBrandColour, contrastRatio, formatRatio, relativeLuminance } from "./contrast";

describe("WCAG contrast", () => {
  it("gives the standard's end points", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#FFFFFF")).toBe(1);
    expect(contrastRatio("#000000", "#ffffff")).toBe(21);
    expect(contrastRatio("#123456", "#123456")).toBe(1);
  });

  it("matches known ratios (WebAIM's checker)", () => {
    // #767676 is the lightest grey that passes AA on white; #777777 just fails.
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#ffffff", "#0000ff")).toBeCloseTo(8.59, 2);
  });

  it("is symmetric", () => {
    expect(contrastRatio("#ff0000", "#ffffff")).toBe(contrastRatio("#ffffff", "#ff0000"));
  });

  it("refuses a brand colour that fails against white text or the page background", () => {
    expect(checkBrandColour("#0b4f8a").ok).toBe(true);
    expect(checkBrandColour("#767676")).toMatchObject({ ok: false }); // 4.54 on white, 4.34 on slate-50
    expect(checkBrandColour("#ffcc00").ok).toBe(false);
    expect(checkBrandColour("#777777").ok).toBe(false);
    expect(checkBrandColour("#6b6b6b").ok).toBe(true);
  });

  it("never rounds a failing ratio up to a passing one", () => {
    expect(formatRatio(4.499)).toBe("4.49:1");
    expect(formatRatio(21)).toBe("21.00:1");
  });

  it("rejects what is not #RRGGBB", () => {
    expect(() => relativeLuminance("red")).toThrow();
    expect(() => relativeLuminance("#fff")).toThrow();
  });
});
