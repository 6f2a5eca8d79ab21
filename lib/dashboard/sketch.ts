// Reads the rollups' histograms (migration 0020, ADR 021). Pure: the unit test pins it to the SQL.
//
// A histogram has BUCKETS counts: bucket 0 holds values up to 1, bucket i holds (GAMMA^(i-1), GAMMA^i], the
// last one everything above. A quantile is reported as 2·GAMMA^i / (GAMMA + 1), which is within
// (GAMMA - 1) / (GAMMA + 1) ≈ 4.8% of every value in bucket i (the DDSketch estimate), so the dashboard can
// show a median and a 90th or 95th percentile without keeping every value.

export const GAMMA = 1.1;
export const BUCKETS = 160;
/** The largest relative error of a quantile read from a histogram. */
export const RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

/** The bucket a value lands in: the same as SQL's rollup_bucket(). */
export function bucketOf(x: number): number {
  if (!(x > 1)) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(x) / Math.log(GAMMA)));
}

/** What a bucket stands for when a quantile falls in it. */
export function bucketValue(i: number): number {
  return i <= 0 ? 1 : (2 * GAMMA ** i) / (GAMMA + 1);
}

/**
 * A histogram sent as text (`array_to_string(hist, ',')`): Prisma decodes an int[] of 160 three times slower
 * than this, which showed with the 24 hours × endpoints rows of the call statistics.
 */
export const parseHist = (text: string | null): number[] => (text ? text.split(",").map(Number) : []);

export const emptyHist = (): number[] => Array.from({ length: BUCKETS }, () => 0);

/** Adds histograms bucket by bucket (missing entries count as 0). */
export function addHists(...hists: readonly (readonly number[])[]): number[] {
  const sum = emptyHist();
  for (const h of hists) h.forEach((n, i) => (sum[i] = (sum[i] ?? 0) + n));
  return sum;
}

export const histCount = (hist: readonly number[]) => hist.reduce((a, n) => a + n, 0);

/**
 * The q-quantile by nearest rank: the value of the ceil(q·n)-th smallest (so the median of 5 values is the
 * third, the 90th percentile of 10 the ninth), as a bucket estimate. Null for an empty histogram.
 */
export function quantile(hist: readonly number[], q: number): number | null {
  const total = histCount(hist);
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] ?? 0;
    if (seen >= rank) return bucketValue(i);
  }
  return bucketValue(hist.length - 1);
}
