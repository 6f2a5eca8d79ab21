import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/core/db";

// An API key's use is audited once per key per UTC day (apikey.use): enough to answer "which keys were
// used, and when last" without turning every API call into an audit event. A refused use (a revoked or
// expired key still calling) is counted apart, so the day's first refusal shows even after a good call.

export type KeyUse = { id: string; prefix: string; environmentId: string };
export type UseOutcome = { outcome: "success" } | { outcome: "failure"; reason: "revoked" | "expired" };

/** The UTC day `now` falls on, as the DATE column holds it (midnight UTC). */
export const utcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

// What this process has recorded already today, so the day's later calls do not ask the database again.
const g = globalThis as unknown as {
  apiKeyUseDays?: Map<string, number>;
  apiKeyUseInFlight?: Map<string, Promise<boolean>>;
};
const recorded = (g.apiKeyUseDays ??= new Map());
// The day's first write while it runs: a burst of a key's first calls of the day waits on that one
// transaction instead of each opening its own (hundreds at once exhausted the pool: bench:scale).
const inFlight = (g.apiKeyUseInFlight ??= new Map());

/**
 * Records the key's first use (or first refusal) of the UTC day. Several processes may see that first
 * call at once: the conditional update lets exactly one of them move the key's day forward, and only that
 * one writes the event, in the same transaction (so a failed write leaves the day to the next call).
 */
export async function auditKeyUse(key: KeyUse, use: UseOutcome, now = new Date()): Promise<boolean> {
  const day = utcDay(now);
  const memo = `${key.id}:${use.outcome}`;
  if (recorded.get(memo) === day.getTime()) return false;
  const flight = `${memo}:${day.getTime()}`;
  const pending = inFlight.get(flight);
  if (pending)
    return pending.then(
      () => false,
      () => false,
    );
  const attempt = recordDay(key, use, day, memo);
  inFlight.set(flight, attempt);
  try {
    return await attempt;
  } finally {
    inFlight.delete(flight);
  }
}

async function recordDay(key: KeyUse, use: UseOutcome, day: Date, memo: string): Promise<boolean> {
  const won = await db.$transaction(async (tx) => {
    const { count } =
      use.outcome === "success"
        ? await tx.apiKey.updateMany({
            where: { id: key.id, OR: [{ lastUseDay: null }, { lastUseDay: { lt: day } }] },
            data: { lastUseDay: day },
          })
        : await tx.apiKey.updateMany({
            where: { id: key.id, OR: [{ lastRefusedDay: null }, { lastRefusedDay: { lt: day } }] },
            data: { lastRefusedDay: day },
          });
    if (count === 0) return false;
    await recordAudit(
      {
        actor: { type: "api_key", id: key.id, label: `${key.prefix}…` },
        action: "apikey.use",
        target: { type: "api_key", id: key.id },
        outcome: use.outcome,
        detail: {
          prefix: key.prefix,
          day: day.toISOString().slice(0, 10),
          ...(use.outcome === "failure" ? { reason: use.reason } : {}),
        },
        environmentId: key.environmentId,
      },
      tx,
    );
    return true;
  });
  // Won or lost, the day is recorded (by this process or another); a later day asks again.
  if (day.getTime() > (recorded.get(memo) ?? 0)) recorded.set(memo, day.getTime());
  return won;
}
