import { describe, expect, it } from "vitest";
import {
  addHists,
  bucketOf,
  bucketValue,
  emptyHist,
  parseHist,
  quantile,
  RELATIVE_ERROR,
} from "@/lib/dashboard/sketch";

const histOf = (values: number[]) => {
  const h = emptyHist();
  for (const v of values) h[bucketOf(v)] = (h[bucketOf(v)] ?? 0) + 1;
  return h;
};
const near = (estimate: number | null, exact: number) => {
  expect(estimate).not.toBeNull();
  expect(Math.abs((estimate ?? 0) - exact) / exact).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-9);
};

describe("histogram sketch", () => {
  it("puts values in the buckets SQL's rollup_bucket() does (checked against PostgreSQL)", () => {
    // SELECT rollup_bucket(x) for these x gave 0, 0, 51, 94, 109, 159.
    expect([0, 1, 120, 7200, 30_000, 1e9].map(bucketOf)).toEqual([0, 0, 51, 94, 109, 159]);
  });

  it("estimates every value within 4.8%", () => {
    for (const v of [2, 3.7, 45, 120, 999, 7200, 86_400, 2_419_200]) near(bucketValue(bucketOf(v)), v);
  });

  it("reads quantiles by nearest rank", () => {
    const values = [60, 600, 3600, 7200, 86_400];
    near(quantile(histOf(values), 0.5), 3600);
    near(quantile(histOf(values), 0.9), 86_400);
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => n * 100);
    near(quantile(histOf(ten), 0.5), 500);
    near(quantile(histOf(ten), 0.9), 900);
    near(quantile(histOf(ten), 0.95), 1000);
    expect(quantile(emptyHist(), 0.5)).toBeNull();
  });

  it("reads a histogram sent as text", () => {
    expect(parseHist("0,2,0,5")).toEqual([0, 2, 0, 5]);
    expect(parseHist(null)).toEqual([]);
  });

  it("adds histograms bucket by bucket, whatever their length", () => {
    const sum = addHists(histOf([100, 200]), histOf([100]), [0, 2]);
    expect(sum[bucketOf(100)]).toBe(2);
    expect(sum[bucketOf(200)]).toBe(1);
    expect(sum[1]).toBe(2);
    near(quantile(sum, 0.99), 200);
  });
});
