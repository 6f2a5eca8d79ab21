import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";
import type { RequestStatus } from "@/lib/generated/prisma/client";
import { periods } from "@/lib/dashboard/periods";

export type SystemLabel = { id: string; systemId: string; name: { nb: string; en: string } };

export type FunnelRow = {
  system: SystemLabel;
  created: number;
  accepted: number;
  rejected: number;
  expired: number;
  /** Not answered: still waiting, or withdrawn before the customer answered. */
  open: number;
};

const STAGE: Record<RequestStatus, "accepted" | "rejected" | "expired" | "open"> = {
  Accepted: "accepted",
  Rejected: "rejected",
  Denied: "rejected",
  Timedout: "expired",
  New: "open",
};

/**
 * Requests created in the last 30 days (UTC days, today included) per system, by where they stand now.
 * Read from the day rollup (migration 0020): at most 30 × 5 rows per system, however many requests.
 */
export async function onboardingFunnel(scope: Scope, now: Date = new Date()): Promise<FunnelRow[]> {
  assertCan(scope.actor, "portal.read");
  const { funnelFrom } = periods(now);
  const rows = await db.$queryRaw<
    { id: string; systemId: string; name: { nb?: string; en?: string } | null; status: RequestStatus; n: number }[]
  >`SELECT s.id, s."systemId", s.name, d.status, sum(d.count)::integer AS n
    FROM request_day_counts d JOIN systems s ON s.id = d."systemId"
    WHERE s."environmentId" = ${scope.environment.id}::uuid AND d.day >= ${funnelFrom}::date
    GROUP BY s.id, d.status`;
  const bySystem = new Map<string, FunnelRow>();
  for (const r of rows) {
    const row = bySystem.get(r.id) ?? {
      system: { id: r.id, systemId: r.systemId, name: { nb: r.name?.nb ?? r.systemId, en: r.name?.en ?? r.systemId } },
      created: 0,
      accepted: 0,
      rejected: 0,
      expired: 0,
      open: 0,
    };
    row[STAGE[r.status]] += r.n;
    row.created += r.n;
    bySystem.set(r.id, row);
  }
  return [...bySystem.values()]
    .filter((r) => r.created > 0)
    .sort((a, b) => b.created - a.created || a.system.systemId.localeCompare(b.system.systemId));
}
