import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";
import type { OutboundService } from "@/lib/generated/prisma/client";
import { periods } from "@/lib/dashboard/periods";
import { quantile } from "@/lib/dashboard/sketch";

export type EndpointStats = {
  service: OutboundService;
  method: string;
  /** The path with ids, numbers and the query left out, e.g. /authentication/api/v1/systemuser/request/vendor/{id}. */
  endpoint: string;
  calls: number;
  /** No answer, or a status of 400 or more. */
  errors: number;
  /** Milliseconds, within 5% (lib/dashboard/sketch.ts). */
  median: number | null;
  p95: number | null;
};

/**
 * Calls to Maskinporten, Altinn and Digdir in this hour and the 23 before it, by endpoint, most called first.
 * From the hourly rollup of the call log (migration 0020): at most 24 rows per endpoint.
 */
export async function callStats(scope: Scope, now: Date = new Date()): Promise<EndpointStats[]> {
  assertCan(scope.actor, "portal.read");
  const { callsFrom } = periods(now);
  const rows = await db.$queryRaw<(Omit<EndpointStats, "median" | "p95"> & { hist: number[] })[]>`
    SELECT service, method, endpoint, sum(calls)::integer AS calls, sum(errors)::integer AS errors,
      rollup_hist_sum(hist) AS hist
    FROM outbound_call_hours
    WHERE "environmentId" = ${scope.environment.id}::uuid AND hour >= ${callsFrom.toISOString()}::timestamptz
    GROUP BY service, method, endpoint`;
  return rows
    .map(({ hist, ...r }) => ({ ...r, median: quantile(hist, 0.5), p95: quantile(hist, 0.95) }))
    .sort((a, b) => b.calls - a.calls || a.endpoint.localeCompare(b.endpoint));
}
