import { createHash } from "node:crypto";

// The hash chain's rules, shared by the portal and the offline verifier (scripts/audit-verify.ts), so
// no database or server-only code is needed to check an export. ADR 020.

export const GENESIS = "0".repeat(64);
/** Events that belong to no environment (users, sign-ins) form the installation's own chain. */
export const INSTALLATION_CHAIN = "installation";

export const chainOf = (environmentId: string | null | undefined): string => environmentId ?? INSTALLATION_CHAIN;

export type ChainedEvent = {
  chain: string;
  chainSeq: bigint | number | string;
  at: Date | string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  outcome: string;
  detail: unknown;
  environmentId: string | null;
  orgNumber: string | null;
  systemId: string | null;
};

/** JSON with object keys sorted at every depth: jsonb does not keep the key order it was given. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const iso = (d: Date | string) => (typeof d === "string" ? new Date(d) : d).toISOString();

/**
 * Scheme 2: the chain and the position in it are hashed too, so an event moved to another place (or
 * another chain) no longer fits, whatever its neighbours say.
 */
export function hashEvent(prevHash: string, e: ChainedEvent): string {
  return sha256(canonicalJson([2, prevHash, e.chain, String(e.chainSeq), ...facts(e), e.orgNumber, e.systemId]));
}

/** Scheme 1 (one chain for everything, before ADR 020): only to check old rows before they are re-chained. */
export function hashEventV1(prevHash: string, e: Omit<ChainedEvent, "chain" | "chainSeq" | "orgNumber" | "systemId">) {
  return sha256(canonicalJson([prevHash, ...facts(e)]));
}

/** What both schemes hash of an event, in their order. */
const facts = (e: Omit<ChainedEvent, "chain" | "chainSeq" | "orgNumber" | "systemId">) => [
  iso(e.at),
  e.actorType,
  e.actorId,
  e.actorLabel,
  e.action,
  e.targetType,
  e.targetId,
  e.outcome,
  e.detail ?? null,
  e.environmentId,
];
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A link of the chain that does not hold, or null: what every verifier (page, job, CLI) checks per event. */
export function linkProblem(
  prev: { hash: string; chainSeq: bigint },
  e: ChainedEvent & { prevHash: string; hash: string },
): "order" | "link" | "hash" | null {
  if (BigInt(e.chainSeq) !== prev.chainSeq + 1n) return "order";
  if (e.prevHash !== prev.hash) return "link";
  if (hashEvent(prev.hash, e) !== e.hash) return "hash";
  return null;
}
