import "server-only";
import { db } from "@/lib/core/db";
import { GENESIS, linkProblem } from "@/lib/audit/chain";

export type ChainPoint = { chainSeq: bigint; hash: string };
export type WalkResult =
  | { ok: true; checked: number; head: ChainPoint & { seq: bigint | null } }
  | { ok: false; checked: number; brokenAt: bigint; brokenChainSeq: bigint; problem: "order" | "link" | "hash" };

const BATCH = 1000;

/** Where a chain starts: the checkpoint retention kept it from, or the genesis. */
export async function chainStart(chain: string): Promise<ChainPoint> {
  const base = await db.auditCheckpoint.findFirst({ where: { chain, base: true }, orderBy: { chainSeq: "desc" } });
  return base ? { chainSeq: base.chainSeq, hash: base.hash } : { chainSeq: 0n, hash: GENESIS };
}

/**
 * Checks every event of `chain` after `from`, in order, in batches (a million events never sit in
 * memory): each one must be the next in the chain, name its predecessor's hash, and hash to what it says.
 * `onEvent` sees each event that held (e.g. to compare it with a checkpoint).
 */
export async function walkChain(
  chain: string,
  from: ChainPoint,
  onEvent?: (e: { seq: bigint; chainSeq: bigint; hash: string }) => void,
): Promise<WalkResult> {
  let prev = from;
  let lastSeq: bigint | null = null;
  let checked = 0;
  for (;;) {
    const batch = await db.auditEvent.findMany({
      where: { chain, chainSeq: { gt: prev.chainSeq } },
      orderBy: { chainSeq: "asc" },
      take: BATCH,
    });
    for (const e of batch) {
      const problem = linkProblem(prev, e);
      if (problem) return { ok: false, checked, brokenAt: e.seq, brokenChainSeq: e.chainSeq, problem };
      onEvent?.(e);
      prev = { chainSeq: e.chainSeq, hash: e.hash };
      lastSeq = e.seq;
      checked += 1;
    }
    if (batch.length < BATCH) return { ok: true, checked, head: { ...prev, seq: lastSeq } };
  }
}

/**
 * Every chain the log holds, including those of environments since deleted (their events stay). A loose
 * index scan over (chain, chainSeq): one index probe per chain, not a pass over a million rows.
 */
export async function listChains(): Promise<string[]> {
  const rows = await db.$queryRaw<{ chain: string }[]>`
    WITH RECURSIVE c AS (
      (SELECT chain FROM audit_events ORDER BY chain LIMIT 1)
      UNION ALL
      SELECT (SELECT e.chain FROM audit_events e WHERE e.chain > c.chain ORDER BY e.chain LIMIT 1) FROM c WHERE c.chain IS NOT NULL
    )
    SELECT chain FROM c WHERE chain IS NOT NULL`;
  return rows.map((r) => r.chain);
}
