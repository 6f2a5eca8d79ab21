import "server-only";
import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/lib/core/db";

// Rate limits shared by every portal process: counters live in PostgreSQL (table rate_limits, created by
// a migration, so the library never runs DDL), one row per limit and key, fixed windows. N processes
// behind a balancer therefore allow the rate once, not N times. If the database cannot answer, each
// process falls back to an in-memory limiter with the same rule (the library's "insurance"): still
// limited, per process, rather than open or failing every request. ADR 015 says why this library.

export type LimitRule = {
  /** What may be used per window. */
  points: number;
  /** The window, in seconds. */
  durationS: number;
  /** When set, exhausting the window blocks the key for this long instead of until the window ends. */
  blockS?: number;
};
export type LimitDecision = {
  ok: boolean;
  remaining: number;
  retryAfterS: number;
  /** Seconds until the key's window (or block) ends and its points are back (RateLimit headers' reset). */
  resetS: number;
};

const TABLE = "rate_limits";
const g = globalThis as unknown as { portalLimiters?: Map<string, RateLimiterPostgres> };
const limiters = (g.portalLimiters ??= new Map());

/**
 * What the library queries through: the process's pool as it is now (a pool closed and made anew is
 * followed), with the library's statement names dropped. Named prepared statements live per session, and
 * the embedded database is one session behind its socket: a second connection preparing the same name
 * fails, and the limiter would quietly fall back to memory, per process.
 */
const unnamedStatements = {
  query: (q: { text: string; values?: unknown[] }) => getPool().query(q.text, q.values),
};

function limiterFor(name: string, rule: LimitRule): RateLimiterPostgres {
  const id = `${name}/${rule.points}/${rule.durationS}/${rule.blockS ?? 0}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    const opts = { keyPrefix: name, points: rule.points, duration: rule.durationS, blockDuration: rule.blockS ?? 0 };
    limiter = new RateLimiterPostgres({
      ...opts,
      storeClient: unnamedStatements,
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      // One hourly sweep of expired rows per process is plenty; each instance would start its own.
      clearExpiredByTimeout: limiters.size === 0,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

/** Keys may be anything a client sends (an e-mail, an address): bounded and uniform in the table. */
function storedKey(key: string): string {
  return key.length <= 120 ? key : `sha256:${createHash("sha256").update(key).digest("base64url")}`;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

function decisionOf(res: RateLimiterRes, rule: LimitRule): LimitDecision {
  const ok = res.consumedPoints <= rule.points;
  const resetS = seconds(res.msBeforeNext);
  return { ok, remaining: Math.max(0, res.remainingPoints), retryAfterS: ok ? 0 : resetS, resetS };
}

function isLimiterRes(err: unknown): err is RateLimiterRes {
  if (err instanceof RateLimiterRes) return true;
  if (typeof err !== "object" || err === null || err instanceof Error) return false;
  const r = err as Record<string, unknown>;
  return (
    typeof r.msBeforeNext === "number" && typeof r.consumedPoints === "number" && typeof r.remainingPoints === "number"
  );
}

/** Uses `cost` points of `key`'s window under limit `name`; ok false when that went over the rule. */
export async function consumeLimit(name: string, rule: LimitRule, key: string, cost = 1): Promise<LimitDecision> {
  try {
    return decisionOf(await limiterFor(name, rule).consume(storedKey(key), cost), rule);
  } catch (err) {
    // The library rejects with the counter's state when the points are used up; anything else is a bug.
    // Checked by shape, not instanceof: the limiters are cached on globalThis, and a route bundled with
    // its own copy of the library would hold a different RateLimiterRes class (seen as a 500 in CI).
    if (isLimiterRes(err)) return decisionOf(err, rule);
    throw err;
  }
}

/** Where `key` stands without using anything (e.g. refuse a locked account before checking a password). */
export async function peekLimit(name: string, rule: LimitRule, key: string): Promise<LimitDecision> {
  const res = await limiterFor(name, rule).get(storedKey(key));
  if (!res) return { ok: true, remaining: rule.points, retryAfterS: 0, resetS: 0 };
  const ok = res.consumedPoints < rule.points;
  const resetS = seconds(res.msBeforeNext);
  return { ok, remaining: Math.max(0, res.remainingPoints), retryAfterS: ok ? 0 : resetS, resetS };
}

/** Forgets `key`'s window (e.g. after a successful sign-in). */
export async function resetLimit(name: string, rule: LimitRule, key: string): Promise<void> {
  await limiterFor(name, rule).delete(storedKey(key));
}
