import "server-only";
import { runFullVerification } from "@/lib/audit/verify-all";
import { pruneExpiredEvents } from "@/lib/audit/retention";

/** Nightly: the full check first (never prune a chain that does not hold), then retention. */
export async function auditNightly(): Promise<void> {
  const verified = await runFullVerification();
  if (verified.ok) await pruneExpiredEvents();
}
