import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";
import { periods } from "@/lib/dashboard/periods";
import { addHists, histCount, parseHist, quantile } from "@/lib/dashboard/sketch";

export type ApprovalWeek = {
  /** The week's Monday (UTC), YYYY-MM-DD. */
  week: string;
  approved: number;
  /** Seconds from request to approval; null in a week without approvals. */
  median: number | null;
  p90: number | null;
};

/**
 * Time from request to approval by week of approval, the last 12 weeks (this one included), for every system
 * of the environment together. From the week rollup (migration 0020): one histogram per system and week, so
 * the median and 90th percentile are within 5% (lib/dashboard/sketch.ts).
 */
export async function approvalTimes(scope: Scope, now: Date = new Date()): Promise<ApprovalWeek[]> {
  assertCan(scope.actor, "portal.read");
  const { weeks } = periods(now);
  // One row per system and week; adding their 160-bucket arrays is cheaper here than in SQL.
  const rows = await db.$queryRaw<{ week: string; hist: string | null }[]>`
    SELECT to_char(w.week, 'YYYY-MM-DD') AS week, array_to_string(w.hist, ',') AS hist
    FROM request_approval_weeks w JOIN systems s ON s.id = w."systemId"
    WHERE s."environmentId" = ${scope.environment.id}::uuid AND w.week >= ${weeks[0]}::date`;
  return weeks.map((week) => {
    const hist = addHists(...rows.filter((r) => r.week === week).map((r) => parseHist(r.hist)));
    return { week, approved: histCount(hist), median: quantile(hist, 0.5), p90: quantile(hist, 0.9) };
  });
}
