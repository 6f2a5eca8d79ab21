import "server-only";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { recordAudit } from "@/lib/audit/record";
import { isExpired } from "@/lib/users/accounts";
import { hashPassword, verifyPassword } from "@/lib/users/password";
import { auditThisRefusal, checkSignInLimits, signInFailed, clearAccountLimit } from "@/lib/users/sign-in-limits";
import { logger } from "@/lib/core/log";

export type SignInFailure = "bad_password" | "unknown" | "disabled" | "expired" | "rate_limited";
export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: SignInFailure; retryAfterS?: number };

// A precomputed hash keeps the timing of "unknown email" close to "wrong password". Kept only once made:
// a refusal by the argon2 queue must not be remembered as the hash.
let dummyHash: Promise<string> | undefined;
function timingEqualiser(): Promise<string> {
  dummyHash ??= hashPassword("timing-equaliser").catch((err: unknown) => {
    dummyHash = undefined;
    throw err;
  });
  return dummyHash;
}

/**
 * E-mail and password, as the credentials provider receives them (the e-mail already normalised). The
 * throttles are asked before any argon2 work, and every outcome is audited (never the password). Unknown,
 * disabled and wrong-password attempts look the same from outside: the same timing, the same answer.
 */
export async function signInWithPassword(email: string, password: string, address: string): Promise<SignInResult> {
  const retryAfterS = await checkSignInLimits(email, address);
  if (retryAfterS > 0) return refused(email, address, retryAfterS);
  try {
    return await checkPassword(email, password, address);
  } catch (err) {
    // The argon2 queue is full (lib/users/password.ts): answered like a throttle, a moment's wait.
    if (!(err instanceof AppError && err.code === "password_busy")) throw err;
    logger("signin").warn("argon2 queue full: sign-in attempt refused");
    return refused(email, address, BUSY_RETRY_S);
  }
}

const BUSY_RETRY_S = 5;

async function checkPassword(email: string, password: string, address: string): Promise<SignInResult> {
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      passwordHash: true,
      disabled: true,
      mustChangePassword: true,
      oneTimePasswordExpiresAt: true,
    },
  });
  if (!user?.passwordHash || user.disabled) {
    await verifyPassword(await timingEqualiser(), password);
    await signInFailed(address);
    return failed(email, address, user?.id ?? null, { ok: false, reason: user?.disabled ? "disabled" : "unknown" });
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await signInFailed(address);
    return failed(email, address, user.id, { ok: false, reason: "bad_password" });
  }
  // Only with the right password, so the answer tells nobody else that the account exists.
  if (user.mustChangePassword && isExpired(user.oneTimePasswordExpiresAt))
    return failed(email, address, user.id, { ok: false, reason: "expired" });
  await clearAccountLimit(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

async function refused(email: string, address: string, retryAfterS: number): Promise<SignInResult> {
  const result = { ok: false, reason: "rate_limited", retryAfterS } as const;
  return (await auditThisRefusal(email, address)) ? failed(email, address, null, result) : result;
}

async function failed(
  email: string,
  address: string,
  userId: string | null,
  result: Extract<SignInResult, { ok: false }>,
): Promise<SignInResult> {
  await recordAudit({
    actor: { type: "system", label: "signin" },
    action: "auth.signin.failure",
    target: { type: "user", id: userId },
    outcome: "failure",
    detail: { email: email.slice(0, 254), reason: result.reason, address, retryAfterS: result.retryAfterS },
  });
  return result;
}

/** A successful sign-in by any provider (next-auth's events.signIn): audited, and shown on the Users page. */
export async function recordSignIn(userId: string, provider: string, address: string) {
  const user = await db.user.update({
    where: { id: userId },
    data: { lastSignInAt: new Date() },
    select: { email: true },
  });
  await recordAudit({
    actor: { type: "user", id: userId, label: user.email },
    action: "auth.signin.success",
    target: { type: "user", id: userId },
    outcome: "success",
    detail: { provider, address },
  });
}

/** next-auth's events.signOut: the session the person ended themself. */
export async function recordSignOut(userId: string, email: string) {
  await recordAudit({
    actor: { type: "user", id: userId, label: email },
    action: "auth.signout",
    target: { type: "user", id: userId },
    outcome: "success",
  });
}
