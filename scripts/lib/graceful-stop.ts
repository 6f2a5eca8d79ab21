import type { Server } from "node:http";
import { beginShutdown, runShutdownHooks, shutdownTimeoutMs } from "@/lib/core/lifecycle";
import { drainServer } from "./drain";

/**
 * SIGTERM/SIGINT in the portal process: readiness fails at once (lib/core/lifecycle.ts), the HTTP server
 * drains while the job queue and bulk runners stop (both bounded by SHUTDOWN_TIMEOUT_MS), then the
 * database pool closes and the process exits 0. A second signal changes nothing; a hang past the bound
 * (plus a few seconds for the pool) ends the process with 1.
 */
export async function gracefulStop(server: Server, signal: string): Promise<never> {
  const timeoutMs = shutdownTimeoutMs();
  const started = Date.now();
  console.log(`[server] ${signal}: stopping (in-flight requests and job steps get up to ${timeoutMs} ms)`);
  setTimeout(() => {
    console.error("[server] shutdown overran its bound; exiting");
    process.exit(1);
  }, timeoutMs + 5_000).unref();
  beginShutdown();
  const [drained, stuck] = await Promise.all([drainServer(server, timeoutMs), runShutdownHooks("work", timeoutMs)]);
  if (!drained) console.warn("[server] requests still running at the bound were cut off");
  await runShutdownHooks("last", 5_000);
  console.log(
    `[server] stopped in ${Date.now() - started} ms${stuck.length ? ` (not finished: ${stuck.join(", ")})` : ""}`,
  );
  process.exit(0);
}
