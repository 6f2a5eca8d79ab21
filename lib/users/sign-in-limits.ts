import "server-only";
import { consumeLimit, peekLimit, resetLimit, type LimitRule } from "@/lib/core/limits";

/**
 * Password guessing is throttled twice, in PostgreSQL so every portal process counts together
 * (lib/core/limits.ts), and both are asked before argon2 runs:
 *
 * - Per account (the normalised e-mail, known or not, so the answer never says which exist): 5 attempts
 *   per 15-minute window, counted as they start so a parallel burst gets no more; the account is then
 *   refused, right password included, until the window ends. A successful sign-in clears the count, so
 *   in practice it is "5 failures". Anyone can lock an account for 15 minutes this way; that is the price
 *   of stopping online guessing (ASVS 2.2.1), and single sign-on is not affected.
 * - Per client address: 30 failed attempts per 15 minutes, then every account is refused from there.
 *   Only failures count, so an office behind one address signs in as often as it likes.
 */
export const SIGNIN_ACCOUNT_LIMIT: LimitRule = { points: 5, durationS: 15 * 60 };
export const SIGNIN_ADDRESS_LIMIT: LimitRule = { points: 30, durationS: 15 * 60 };
// One audit event per account and address per window for refused attempts: a flood of them must not
// become a flood of writes to the (serialised) audit chain.
const REFUSAL_AUDIT: LimitRule = { points: 1, durationS: 15 * 60 };

const ACCOUNT = "signin-account";
const ADDRESS = "signin-address";

/** Seconds until another attempt is allowed, or 0 to go ahead (the attempt is then counted). */
export async function checkSignInLimits(email: string, address: string): Promise<number> {
  const byAddress = await peekLimit(ADDRESS, SIGNIN_ADDRESS_LIMIT, address);
  if (!byAddress.ok) return byAddress.retryAfterS;
  const byAccount = await consumeLimit(ACCOUNT, SIGNIN_ACCOUNT_LIMIT, email);
  return byAccount.ok ? 0 : byAccount.retryAfterS;
}

/** When both throttles allow another attempt again, without counting one (for the sign-in page's message). */
export async function signInRetryAfter(email: string, address: string): Promise<number> {
  const [byAddress, byAccount] = await Promise.all([
    peekLimit(ADDRESS, SIGNIN_ADDRESS_LIMIT, address),
    peekLimit(ACCOUNT, SIGNIN_ACCOUNT_LIMIT, email),
  ]);
  return Math.max(byAddress.retryAfterS, byAccount.retryAfterS);
}

export async function signInFailed(address: string): Promise<void> {
  await consumeLimit(ADDRESS, SIGNIN_ADDRESS_LIMIT, address);
}

/** After a successful sign-in, or an admin's password reset: the account starts afresh. */
export async function clearAccountLimit(email: string): Promise<void> {
  await resetLimit(ACCOUNT, SIGNIN_ACCOUNT_LIMIT, email);
}

/** True for the first refused attempt per account and address in a window: that one is audited. */
export async function auditThisRefusal(email: string, address: string): Promise<boolean> {
  return (await consumeLimit("signin-refusal-audit", REFUSAL_AUDIT, `${email}\n${address}`)).ok;
}
