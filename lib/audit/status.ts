import "server-only";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import type { Scope } from "@/lib/environments/types";
import { chainOf, INSTALLATION_CHAIN } from "@/lib/audit/chain";
import { latestAnchor } from "@/lib/audit/anchors";
import { openCheckpoint } from "@/lib/audit/checkpoint-token";
import { newestCheckpoint } from "@/lib/audit/checkpoints";
import { auditPublicJwk } from "@/lib/audit/signing";
import { chainStart, walkChain } from "@/lib/audit/walk";

export type ChainProblem =
  | "order"
  | "link"
  | "hash"
  | "missing"
  | "checkpoint_mismatch"
  | "checkpoint_signature"
  | "checkpoint_missing_from_database";

type Anchor = { chainSeq: bigint; seq: bigint; hash: string; at: Date; source: "database" | "directory" };
export type ChainState = {
  chain: string;
  kind: "environment" | "installation";
  ok: boolean;
  /** Events checked on this view (those after the anchor). */
  checked: number;
  /** The newest signed checkpoint the check started from. */
  anchor: { chainSeq: string; seq: string; at: Date; source: "database" | "directory" } | null;
  problem?: { reason: ChainProblem; seq: string | null };
};

/** The newest genuine checkpoint, from the database or the anchor directory, whichever is further on. */
async function findAnchor(chain: string): Promise<{ anchor: Anchor | null; problem?: ChainState["problem"] }> {
  const key = await auditPublicJwk();
  const [row, file] = await Promise.all([newestCheckpoint(chain), latestAnchor(chain, key)]);
  if (file.bad) return { anchor: null, problem: { reason: "checkpoint_signature", seq: null } };
  let anchor: Anchor | null = null;
  if (row) {
    const signed = await openCheckpoint(row.jws, key);
    const genuine =
      signed?.chain === chain &&
      signed.chainSeq === row.chainSeq.toString() &&
      signed.hash === row.hash &&
      signed.seq === row.seq.toString();
    if (!genuine) return { anchor: null, problem: { reason: "checkpoint_signature", seq: row.seq.toString() } };
    anchor = { chainSeq: row.chainSeq, seq: row.seq, hash: row.hash, at: row.createdAt, source: "database" };
  }
  if (file.anchor && file.anchor.chain === chain && (!anchor || BigInt(file.anchor.chainSeq) > anchor.chainSeq)) {
    // The directory knows a newer checkpoint than the database held a moment ago: either one was just
    // made (read it), or the database's rows were deleted.
    const f = file.anchor;
    const again = await db.auditCheckpoint.findUnique({
      where: { chain_chainSeq: { chain, chainSeq: BigInt(f.chainSeq) } },
    });
    if (!again || again.hash !== f.hash)
      return { anchor: null, problem: { reason: "checkpoint_missing_from_database", seq: f.seq } };
    anchor = { chainSeq: again.chainSeq, seq: again.seq, hash: again.hash, at: again.createdAt, source: "directory" };
  }
  return { anchor };
}

/** One chain, checked from its newest signed checkpoint: only what came after is walked. */
export async function chainState(chain: string): Promise<ChainState> {
  const kind = chain === INSTALLATION_CHAIN ? "installation" : "environment";
  const found = await findAnchor(chain);
  const base = { chain, kind, checked: 0 } as const;
  if (found.problem) return { ...base, ok: false, anchor: null, problem: found.problem };
  const a = found.anchor;
  const shown = a && { chainSeq: a.chainSeq.toString(), seq: a.seq.toString(), at: a.at, source: a.source };
  const start = await chainStart(chain);
  if (a) {
    const atAnchor = await db.auditEvent.findUnique({
      where: { chain_chainSeq: { chain, chainSeq: a.chainSeq } },
      select: { hash: true },
    });
    // A chain pruned up to its newest checkpoint starts there: the event itself is gone on purpose.
    const hash = atAnchor?.hash ?? (start.chainSeq === a.chainSeq ? start.hash : null);
    if (hash === null)
      return { ...base, ok: false, anchor: shown, problem: { reason: "missing", seq: a.seq.toString() } };
    if (hash !== a.hash)
      return { ...base, ok: false, anchor: shown, problem: { reason: "checkpoint_mismatch", seq: a.seq.toString() } };
  }
  const walked = await walkChain(chain, a ? { chainSeq: a.chainSeq, hash: a.hash } : start);
  if (!walked.ok)
    return {
      ...base,
      ok: false,
      checked: walked.checked,
      anchor: shown,
      problem: { reason: walked.problem, seq: walked.brokenAt.toString() },
    };
  return { ...base, ok: true, checked: walked.checked, anchor: shown };
}

/**
 * The environment's chain and the installation's, each checked from its newest signed checkpoint
 * (ADR 020): what the audit page and the dashboard show, green or red.
 */
export async function auditChainStatus(scope: Scope): Promise<{ ok: boolean; chains: ChainState[] }> {
  assertCan(scope.actor, "audit.read");
  const chains = await Promise.all([chainOf(scope.environment.id), INSTALLATION_CHAIN].map(chainState));
  return { ok: chains.every((c) => c.ok), chains };
}
