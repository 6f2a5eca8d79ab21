import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { getRetentionDays } from "@/lib/audit/retention-setting";
import { auditPublicJwk, type AuditPublicJwk } from "@/lib/audit/signing";
import { lastFullVerification, runFullVerification, type FullVerification } from "@/lib/audit/verify-all";

// The audit page's integrity panel (ADR 020): the checkpoint key, the last full check, retention, and
// the full check run on demand.

export type IntegrityOverview = {
  /** Null when no signing key is set up (AUDIT_SIGNING_KEY): nothing is signed then. */
  key: Pick<AuditPublicJwk, "kid" | "alg" | "crv"> | null;
  lastFull: Awaited<ReturnType<typeof lastFullVerification>>;
  retentionDays: number | null;
};

export async function auditIntegrityOverview(actor: Actor | null): Promise<IntegrityOverview> {
  assertCan(actor, "audit.read");
  const key = auditPublicJwk().then(
    (k) => ({ kid: k.kid, alg: k.alg, crv: k.crv }),
    (err: unknown) => {
      if (err instanceof AppError && err.code === "audit_key_missing") return null;
      throw err;
    },
  );
  const [k, lastFull, retentionDays] = await Promise.all([key, lastFullVerification(), getRetentionDays()]);
  return { key: k, lastFull, retentionDays };
}

// One full run at a time, across every portal process. A lease row rather than an advisory lock: the
// embedded database (PGlite) is one session for every client, where advisory locks are re-entrant and
// so never refuse the second run, and holding a session lock would pin its only connection. The lease
// expires, so a run that died does not block the next one for longer than this.
const LEASE = "audit.fullVerificationRunning";
const LEASE_MS = 15 * 60_000;

const isUniqueViolation = (err: unknown) =>
  typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

async function takeLease(): Promise<string | null> {
  const token = randomUUID();
  try {
    await db.setting.create({ data: { key: LEASE, value: { token } } });
    return token;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  const stale = await db.setting.updateMany({
    where: { key: LEASE, updatedAt: { lt: new Date(Date.now() - LEASE_MS) } },
    data: { value: { token } },
  });
  return stale.count === 1 ? token : null;
}

async function releaseLease(token: string): Promise<void> {
  await db.setting.deleteMany({ where: { key: LEASE, value: { path: ["token"], equals: token } } });
}

export const verificationRunning = () =>
  new AppError(
    "audit_verification_running",
    {
      nb: "En fullstendig kontroll kjører allerede. Vent til den er ferdig, og last siden på nytt.",
      en: "A verification is already running. Wait for it to finish, then reload the page.",
    },
    409,
  );

/**
 * "Verify everything now": the nightly full check on demand (its result is kept for the page like the
 * nightly one), itself on record as `audit.verify` with its outcome.
 */
export async function verifyAuditNow(actor: Actor | null): Promise<FullVerification> {
  assertCan(actor, "audit.read");
  const token = await takeLease();
  if (!token) throw verificationRunning();
  let result: FullVerification;
  try {
    result = await runFullVerification();
  } finally {
    await releaseLease(token);
  }
  await recordAudit({
    actor: auditActor(actor),
    action: "audit.verify",
    target: { type: "audit_log", id: "all" },
    outcome: result.ok ? "success" : "failure",
    detail: result.ok
      ? { checked: result.checked }
      : { checked: result.checked, chain: result.chain, brokenAt: result.brokenAt },
  });
  return result;
}
