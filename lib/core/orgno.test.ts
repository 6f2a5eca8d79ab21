import { describe, expect, it } from "vitest";
import { isValidOrgNo, normalizeOrgNo } from "@/lib/core/orgno";

describe("isValidOrgNo", () => {
  it.each(["991825827", "310904473", "974760673"])("accepts the real organisation number %s", (orgNo) => {
    expect(isValidOrgNo(orgNo)).toBe(true);
  });

  it("refuses a number whose check digit is off by one", () => {
    expect(isValidOrgNo("310904474")).toBe(false);
    expect(isValidOrgNo("310904472")).toBe(false);
  });

  it.each(["", "31090447", "3109044730", "99182582"])("refuses the wrong length %j", (value) => {
    expect(isValidOrgNo(value)).toBe(false);
  });

  it("refuses anything but digits, including a formatted number", () => {
    expect(isValidOrgNo("31090447a")).toBe(false);
    expect(isValidOrgNo("310 904 473")).toBe(false);
    expect(isValidOrgNo("-10904473")).toBe(false);
  });

  it("refuses every number whose mod-11 check digit would be 10", () => {
    // 1·3 + 1·3 + 3·2 = 12, 12 mod 11 = 1, so the check digit would be 11 - 1 = 10: no 9th digit fits.
    const candidates = Array.from({ length: 10 }, (_, d) => `10000013${d}`);
    expect(candidates.filter(isValidOrgNo)).toEqual([]);
  });

  it("accepts check digit 0 when the weighted sum is divisible by 11", () => {
    // 1·3 + 1·2 + 1·6 = 11, rest 0, check digit 0.
    expect(isValidOrgNo("110100000")).toBe(true);
    expect(isValidOrgNo("110100001")).toBe(false);
  });
});

describe("normalizeOrgNo", () => {
  it("strips spaces and dots the way people type numbers", () => {
    expect(normalizeOrgNo("310 904 473")).toBe("310904473");
    expect(normalizeOrgNo(" 991.825.827 ")).toBe("991825827");
    expect(normalizeOrgNo("974\t760\u00a0673")).toBe("974760673");
  });

  it("leaves other characters for validation to refuse", () => {
    expect(normalizeOrgNo("310-904-473")).toBe("310-904-473");
    expect(isValidOrgNo(normalizeOrgNo("310 904 473"))).toBe(true);
  });
});
