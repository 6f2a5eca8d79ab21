import "server-only";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { verifyAllChains } from "@/lib/audit/verify-all";

/** With `environmentId`: that environment's events plus those that belong to none (users, sign-ins). */
export async function listAuditEvents(actor: Actor | null, opts: { take?: number; environmentId?: string } = {}) {
  assertCan(actor, "audit.read");
  const rows = await db.auditEvent.findMany({
    where: opts.environmentId ? { OR: [{ environmentId: opts.environmentId }, { environmentId: null }] } : {},
    orderBy: { seq: "desc" },
    take: Math.min(opts.take ?? 200, 1000),
    select: {
      seq: true,
      at: true,
      actorType: true,
      actorLabel: true,
      action: true,
      targetType: true,
      targetId: true,
      outcome: true,
      detail: true,
    },
  });
  return rows.map((r) => ({ ...r, seq: r.seq.toString() }));
}

/** The full check (every chain from its start, against every checkpoint), for whoever may read the log. */
export async function verifyAuditChain(actor: Actor | null) {
  assertCan(actor, "audit.read");
  return verifyAllChains();
}
