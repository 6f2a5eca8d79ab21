import "server-only";
import { db } from "@/lib/core/db";
import { osloDayEnd, osloDayStart } from "@/lib/audit/oslo-day";
import type { AuditFilter } from "@/lib/audit/search-schema";

// A time range as a range of seq in each chain, so the filtered query stays on the (…, chain, seq)
// indexes. Within one chain `at` rises with seq (its writers take turns, lib/audit/record.ts), so a
// chain's edge is exact; across chains, writers racing on different chains may be a few milliseconds out
// of order, which the first, coarse step allows for. (Should a clock ever go back, the query's own check
// of `at` keeps the answer right; the window is then only wider than it needs to be.)

export const SEQ_MAX = 9_223_372_036_854_775_807n;
/** Exclusive bounds: the chain's events in range have low < seq < high. */
export type SeqWindow = { low: bigint; high: bigint };

/** Coarse: a seq at or before the first event at/after `at` (or at/after the last one before it). */
async function coarse(edge: "from" | "to", at: Date): Promise<bigint | null> {
  // Over the 1000 events nearest the edge by time (the `at` index), so a race does not put one outside.
  const [row] =
    edge === "from"
      ? await db.$queryRaw<{ s: bigint | null }[]>`
          SELECT min(seq) AS s FROM (SELECT seq FROM audit_events WHERE at >= ${at} ORDER BY at ASC LIMIT 1000) w`
      : await db.$queryRaw<{ s: bigint | null }[]>`
          SELECT max(seq) AS s FROM (SELECT seq FROM audit_events WHERE at < ${at} ORDER BY at DESC LIMIT 1000) w`;
  return row?.s ?? null;
}

/**
 * Exact, in one chain: its first event at/after `at` (or last before it), walking the (chain, seq) index
 * from the coarse bound (`= ANY` keeps the planner on that index: see lib/audit/search-conditions.ts).
 */
async function exact(chain: string, edge: "from" | "to", at: Date, lo: bigint, hi: bigint): Promise<bigint | null> {
  const [row] =
    edge === "from"
      ? await db.$queryRaw<{ s: bigint }[]>`
          SELECT seq AS s FROM audit_events WHERE chain = ANY(ARRAY[${chain}::text]) AND seq >= ${lo}::bigint
            AND seq <= ${hi}::bigint AND at >= ${at} ORDER BY chain, seq LIMIT 1`
      : await db.$queryRaw<{ s: bigint }[]>`
          SELECT seq AS s FROM audit_events WHERE chain = ANY(ARRAY[${chain}::text]) AND seq >= ${lo}::bigint
            AND seq <= ${hi}::bigint AND at < ${at} ORDER BY chain DESC, seq DESC LIMIT 1`;
  return row?.s ?? null;
}

/** Each chain's window for the filter's dates; a chain with no event in range is left out. */
export async function seqWindows(chains: string[], filter: AuditFilter): Promise<Map<string, SeqWindow>> {
  const windows = new Map<string, SeqWindow>();
  const from = filter.from ? osloDayStart(filter.from) : null;
  const end = filter.to ? osloDayEnd(filter.to) : null;
  if (!from && !end) {
    for (const chain of chains) windows.set(chain, { low: 0n, high: SEQ_MAX });
    return windows;
  }
  const lo = from ? await coarse("from", from) : 0n;
  const hi = end ? await coarse("to", end) : SEQ_MAX;
  if (lo === null || hi === null || lo > hi) return windows;
  for (const chain of chains) {
    const first = from ? await exact(chain, "from", from, lo, hi) : 1n;
    const last = end ? await exact(chain, "to", end, lo, hi) : SEQ_MAX - 1n;
    if (first !== null && last !== null && first <= last) windows.set(chain, { low: first - 1n, high: last + 1n });
  }
  return windows;
}
