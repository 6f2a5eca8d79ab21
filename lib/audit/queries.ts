import "server-only";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { hashEvent } from "@/lib/audit/record";

const GENESIS = "0".repeat(64);

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

/** Recomputes every hash from the first event on; reports the first event that does not fit. */
export async function verifyAuditChain(actor: Actor | null) {
  assertCan(actor, "audit.read");
  let prev = GENESIS;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: 1000,
    });
    for (const e of batch) {
      if (e.prevHash !== prev || hashEvent(prev, e) !== e.hash)
        return { ok: false as const, checked, brokenAt: e.seq.toString() };
      prev = e.hash;
      checked += 1;
    }
    if (batch.length < 1000) return { ok: true as const, checked };
    cursor = batch[batch.length - 1]?.seq;
  }
}
