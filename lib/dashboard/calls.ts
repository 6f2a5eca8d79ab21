import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";
import type { OutboundService } from "@/lib/generated/prisma/client";
import { periods } from "@/lib/dashboard/periods";
import { addHists, parseHist, quantile } from "@/lib/dashboard/sketch";

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
  // The hours' rows themselves (at most 24 per endpoint): adding 160-bucket arrays is cheaper here than in SQL.
  const rows = await db.$queryRaw<(Omit<EndpointStats, "median" | "p95"> & { hist: string | null })[]>`
    SELECT service, method, endpoint, calls, errors, array_to_string(hist, ',') AS hist
    FROM outbound_call_hours
    WHERE "environmentId" = ${scope.environment.id}::uuid AND hour >= ${callsFrom.toISOString()}::timestamptz`;
  const byEndpoint = new Map<string, Omit<EndpointStats, "median" | "p95"> & { hists: number[][] }>();
  for (const { hist, ...r } of rows) {
    const key = `${r.service} ${r.method} ${r.endpoint}`;
    const sum = byEndpoint.get(key) ?? { ...r, calls: 0, errors: 0, hists: [] };
    sum.calls += r.calls;
    sum.errors += r.errors;
    sum.hists.push(parseHist(hist));
    byEndpoint.set(key, sum);
  }
  return [...byEndpoint.values()]
    .map(({ hists, ...r }) => {
      const hist = addHists(...hists);
      return { ...r, median: quantile(hist, 0.5), p95: quantile(hist, 0.95) };
    })
    .sort((a, b) => b.calls - a.calls || a.endpoint.localeCompare(b.endpoint));
}
