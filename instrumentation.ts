// Validates the environment when the server starts, so a bad config fails before the first request,
// then starts the background workers (status poller, bulk jobs, reconciliation) in this process.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/core/env");
    const config = env();
    // Closed last on SIGTERM, once in-flight requests and the workers are done with it.
    const { onShutdown } = await import("@/lib/core/lifecycle");
    onShutdown("database", async () => (await import("@/lib/core/db")).closeDb(), "last");
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      // Re-chains audit events written before one chain per environment existed (once; ADR 020).
      const { upgradeAuditChain } = await import("@/lib/audit/upgrade");
      await upgradeAuditChain();
    }
    // JOBS=off runs a portal process that only serves pages (e.g. a second web node).
    if (config.JOBS === "on" && process.env.NEXT_PHASE !== "phase-production-build") {
      const { startWorkers } = await import("@/lib/jobs/worker");
      await startWorkers();
    }
  }
}
