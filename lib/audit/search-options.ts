import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import type { Scope } from "@/lib/environments/types";

// What the filter form offers: the people and keys that can act, the systems, and the actions and
// target types the log holds. Names only, so nothing here needs scoping beyond the environment's own lists.

/**
 * Every distinct value of an indexed column, one index descent per value (a "loose index scan"):
 * some dozens of lookups instead of reading a million rows, as SELECT DISTINCT would.
 */
async function distinctValues(column: "action" | "targetType"): Promise<string[]> {
  const col = Prisma.raw(`"${column}"`);
  const rows = await db.$queryRaw<{ v: string | null }[]>`
    WITH RECURSIVE t(v) AS (
      (SELECT ${col} FROM audit_events ORDER BY ${col} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${col} FROM audit_events WHERE ${col} > t.v ORDER BY ${col} LIMIT 1) FROM t WHERE t.v IS NOT NULL
    )
    SELECT v FROM t WHERE v IS NOT NULL`;
  // Sorted here, not by the database's collation, so the list reads the same on every installation.
  return rows.flatMap((r) => (r.v === null ? [] : [r.v])).sort();
}

/** The actions the log holds (any environment: they are names of operations, not data). */
export const knownActions = () => distinctValues("action");

/** "request." for "request.create": the groups the action filter offers as prefixes. */
export function actionGroups(actions: string[]): string[] {
  return [...new Set(actions.flatMap((a) => (a.includes(".") ? [a.slice(0, a.indexOf(".") + 1)] : [])))].sort();
}

export async function auditFilterOptions({ actor, environment }: Scope) {
  assertCan(actor, "audit.read");
  const [users, apiKeys, systems, actions, targetTypes] = await Promise.all([
    db.user.findMany({ select: { id: true, name: true, email: true }, orderBy: { email: "asc" } }),
    db.apiKey.findMany({
      where: { environmentId: environment.id },
      select: { id: true, name: true, prefix: true },
      orderBy: { name: "asc" },
    }),
    db.system.findMany({
      where: { environmentId: environment.id },
      select: { systemId: true, name: true },
      orderBy: { systemId: "asc" },
    }),
    knownActions(),
    distinctValues("targetType"),
  ]);
  return {
    users,
    apiKeys,
    systems: systems.map((s) => ({ systemId: s.systemId, name: s.name as { nb: string; en: string } })),
    actions,
    actionGroups: actionGroups(actions),
    targetTypes,
  };
}
export type AuditFilterOptions = Awaited<ReturnType<typeof auditFilterOptions>>;
