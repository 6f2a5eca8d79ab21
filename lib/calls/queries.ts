import "server-only";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";

export async function listOutboundCalls(scope: Scope, opts: { errorsOnly?: boolean } = {}) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const rows = await db.outboundCall.findMany({
    where: { environmentId, ...(opts.errorsOnly ? { OR: [{ status: null }, { status: { gte: 400 } }] } : {}) },
    orderBy: { seq: "desc" },
    take: 200,
  });
  return rows.map((r) => ({ ...r, seq: r.seq.toString() }));
}

/** Failures grouped by Altinn/Maskinporten code, most frequent first: what keeps going wrong. */
export async function summarizeErrors(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const groups = await db.outboundCall.groupBy({
    by: ["problemCode"],
    where: { environmentId, problemCode: { not: null } },
    _count: { _all: true },
    _max: { at: true },
  });
  return groups
    .map((g) => ({ code: g.problemCode ?? "", count: g._count._all, lastAt: g._max.at }))
    .sort((a, b) => b.count - a.count);
}
