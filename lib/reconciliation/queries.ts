import "server-only";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";

const FINDING_SELECT = {
  id: true,
  kind: true,
  orgNo: true,
  customerId: true,
  altinnId: true,
  requestId: true,
  firstSeenAt: true,
  lastSeenAt: true,
  resolvedAt: true,
  resolution: true,
  resolvedByLabel: true,
  systemId: true,
} as const;

/** The /reconciliation page: open findings, the latest resolved ones, and the last run. */
export async function reconciliationOverview(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const [open, resolved, lastRun, systems] = await Promise.all([
    db.reconFinding.findMany({
      where: { environmentId, resolvedAt: null },
      select: FINDING_SELECT,
      orderBy: [{ firstSeenAt: "desc" }, { id: "asc" }],
      take: 500,
    }),
    db.reconFinding.findMany({
      where: { environmentId, resolvedAt: { not: null } },
      select: FINDING_SELECT,
      orderBy: { resolvedAt: "desc" },
      take: 20,
    }),
    db.reconRun.findFirst({ where: { environmentId }, orderBy: { startedAt: "desc" } }),
    db.system.findMany({ where: { environmentId }, select: { id: true, systemId: true, name: true } }),
  ]);
  const customerIds = [
    ...new Set([...open, ...resolved].map((f) => f.customerId).filter((id): id is string => id !== null)),
  ];
  const customers = await db.customer.findMany({
    where: { id: { in: customerIds } },
    select: { id: true, name: true },
  });
  const names = new Map(customers.map((c) => [c.id, c.name]));
  const bySystem = new Map(systems.map((s) => [s.id, s]));
  const view = <T extends { systemId: string; customerId: string | null }>(f: T) => ({
    ...f,
    system: bySystem.get(f.systemId) ?? null,
    customerName: f.customerId ? (names.get(f.customerId) ?? null) : null,
  });
  return { open: open.map(view), resolved: resolved.map(view), lastRun };
}

export async function openFindingCount(scope: Scope): Promise<number> {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  return db.reconFinding.count({ where: { environmentId, resolvedAt: null } });
}
