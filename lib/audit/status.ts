import "server-only";
import { assertCan } from "@/lib/auth/actor";
import type { Scope } from "@/lib/environments/types";
import { chainOf, INSTALLATION_CHAIN } from "@/lib/audit/chain";
import { chainStart, walkChain } from "@/lib/audit/walk";

export type ChainProblem =
  | "order"
  | "link"
  | "hash"
  | "missing"
  | "checkpoint_mismatch"
  | "checkpoint_signature"
  | "checkpoint_missing_from_database";

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

/**
 * The environment's chain and the installation's, each checked from its newest signed checkpoint
 * (ADR 020): what the audit page and the dashboard show, green or red.
 */
export async function auditChainStatus(scope: Scope): Promise<{ ok: boolean; chains: ChainState[] }> {
  assertCan(scope.actor, "audit.read");
  const chains = await Promise.all(
    [chainOf(scope.environment.id), INSTALLATION_CHAIN].map(async (chain): Promise<ChainState> => {
      const walked = await walkChain(chain, await chainStart(chain));
      const kind = chain === INSTALLATION_CHAIN ? "installation" : "environment";
      return walked.ok
        ? { chain, kind, ok: true, checked: walked.checked, anchor: null }
        : {
            chain,
            kind,
            ok: false,
            checked: walked.checked,
            anchor: null,
            problem: { reason: walked.problem, seq: walked.brokenAt.toString() },
          };
    }),
  );
  return { ok: chains.every((c) => c.ok), chains };
}
