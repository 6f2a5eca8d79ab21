import "server-only";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { emitEvent } from "@/lib/events/emit";
import { INSTALLATION_CHAIN } from "@/lib/audit/chain";
import { appendAnchor } from "@/lib/audit/anchors";
import { auditPublicJwk, signCheckpoint } from "@/lib/audit/signing";
import { chainStart, listChains, walkChain, type WalkResult } from "@/lib/audit/walk";
import type { CheckpointPayload } from "@/lib/audit/checkpoint-token";
import { logger } from "@/lib/core/log";

export type CheckpointOutcome =
  | { made: true; checkpoint: CheckpointPayload }
  | { made: false; reason: "empty" | "current" | "not_due" }
  | { made: false; reason: "broken"; walk: Extract<WalkResult, { ok: false }> };

/** The newest checkpoint of a chain (the one every check starts from). */
export const newestCheckpoint = (chain: string) =>
  db.auditCheckpoint.findFirst({ where: { chain }, orderBy: { chainSeq: "desc" } });

/**
 * Signs "chain C had hash H at chainSeq N" for the chain's newest event, when enough is new (every
 * AUDIT_CHECKPOINT_EVERY events or AUDIT_CHECKPOINT_MINUTES) or `force`. The events since the last
 * checkpoint are checked first: a broken chain is never signed. The checkpoint goes to the database,
 * to AUDIT_ANCHOR_DIR, and (an environment's chain) to the vendor's webhooks as audit.checkpoint.
 */
export async function checkpointChain(
  chain: string,
  opts: { force?: boolean; now?: Date } = {},
): Promise<CheckpointOutcome> {
  const now = opts.now ?? new Date();
  const [last, head] = await Promise.all([
    newestCheckpoint(chain),
    db.auditEvent.findFirst({ where: { chain }, orderBy: { chainSeq: "desc" }, select: { chainSeq: true } }),
  ]);
  if (!head) return { made: false, reason: "empty" };
  if (last && head.chainSeq <= last.chainSeq) return { made: false, reason: "current" };
  const { AUDIT_CHECKPOINT_EVERY: every, AUDIT_CHECKPOINT_MINUTES: minutes } = env();
  const due =
    opts.force ||
    !last ||
    head.chainSeq - last.chainSeq >= BigInt(every) ||
    now.getTime() - last.createdAt.getTime() >= minutes * 60_000;
  if (!due) return { made: false, reason: "not_due" };

  const from = last ? { chainSeq: last.chainSeq, hash: last.hash } : await chainStart(chain);
  const walk = await walkChain(chain, from);
  if (!walk.ok) return { made: false, reason: "broken", walk };
  if (walk.head.seq === null) return { made: false, reason: "current" };
  const event = await db.auditEvent.findUniqueOrThrow({ where: { seq: walk.head.seq }, select: { at: true } });
  const payload: CheckpointPayload = {
    v: 1,
    chain,
    chainSeq: walk.head.chainSeq.toString(),
    seq: walk.head.seq.toString(),
    hash: walk.head.hash,
    eventAt: event.at.toISOString(),
    createdAt: now.toISOString(),
  };
  const jws = await signCheckpoint(payload);
  const inserted = await db.$transaction(async (tx) => {
    // Another process may have signed the same head a moment ago: one checkpoint per place.
    const rows = await tx.$executeRaw`
      INSERT INTO audit_checkpoints (id, chain, "chainSeq", seq, hash, "eventAt", "createdAt", jws)
      VALUES (gen_random_uuid(), ${chain}, ${walk.head.chainSeq}, ${walk.head.seq}, ${payload.hash},
              ${event.at}, ${now}, ${jws})
      ON CONFLICT (chain, "chainSeq") DO NOTHING`;
    // The chain of an environment since deleted is still signed; nobody is left to hear of it.
    const live = chain !== INSTALLATION_CHAIN && (await tx.environment.count({ where: { id: chain } })) > 0;
    if (rows === 1 && live) await emitEvent(tx, chain, "audit.checkpoint", { ...payload, jws });
    return rows === 1;
  });
  if (!inserted) return { made: false, reason: "current" };
  appendAnchor({ ...payload, jws }, await auditPublicJwk());
  return { made: true, checkpoint: payload };
}

/** The job (every minute, lib/core/jobs/queues.ts): a checkpoint for each chain that is due. */
export async function checkpointDueChains(): Promise<void> {
  for (const chain of await listChains()) {
    const outcome = await checkpointChain(chain);
    if (!outcome.made && outcome.reason === "broken")
      logger("audit").error(`chain ${chain} is broken at seq ${outcome.walk.brokenAt}: not signed`);
  }
}
