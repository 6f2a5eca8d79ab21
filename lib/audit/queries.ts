import "server-only";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { chainStart, listChains, walkChain } from "@/lib/audit/walk";

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

/**
 * Recomputes every chain from its start and compares it with every checkpoint on the way: the full check
 * (the audit page checks incrementally, lib/audit/status.ts). Reports the first event that does not fit.
 */
export async function verifyAuditChain(actor: Actor | null) {
  assertCan(actor, "audit.read");
  let checked = 0;
  for (const chain of await listChains()) {
    const checkpoints = new Map(
      (await db.auditCheckpoint.findMany({ where: { chain }, select: { chainSeq: true, hash: true } })).map((c) => [
        c.chainSeq,
        c.hash,
      ]),
    );
    let mismatch: bigint | null = null;
    const walked = await walkChain(chain, await chainStart(chain), (e) => {
      const signed = checkpoints.get(e.chainSeq);
      if (signed !== undefined && signed !== e.hash && mismatch === null) mismatch = e.seq;
    });
    if (!walked.ok)
      return { ok: false as const, checked: checked + walked.checked, brokenAt: walked.brokenAt.toString() };
    if (mismatch !== null) return { ok: false as const, checked: checked + walked.checked, brokenAt: String(mismatch) };
    checked += walked.checked;
  }
  return { ok: true as const, checked };
}
