// The portal process's shutdown: one flag and a list of things to stop, kept in a process-wide global.
// Pure Node, no "server-only": scripts/server.ts (plain Node, outside Next's bundle) starts the shutdown,
// while the app's own copy of this module (inside Next's bundle: instrumentation.ts, the workers, the
// readiness route) registers what to stop and reads the flag. Both copies see one state through Symbol.for.

/** "work": stops while in-flight requests finish (job queue, bulk runners). "last": after both (the pool). */
export type ShutdownPhase = "work" | "last";
type Hook = { name: string; phase: ShutdownPhase; stop: () => Promise<void> };
type State = { shuttingDown: boolean; hooks: Hook[] };

const KEY = Symbol.for("systembruker-portal.lifecycle");
const store = globalThis as typeof globalThis & { [KEY]?: State };
const state = (): State => (store[KEY] ??= { shuttingDown: false, hooks: [] });

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/** True once SIGTERM/SIGINT arrived: readiness fails, so a load balancer stops sending new requests. */
export function isShuttingDown(): boolean {
  return state().shuttingDown;
}

export function beginShutdown(): void {
  state().shuttingDown = true;
}

/**
 * Something to stop on shutdown, in a phase: "work" hooks run while the HTTP server drains, "last" ones
 * once both are done, so what the requests and jobs run on (the database pool) goes last. Within a
 * phase, last-registered first, like nested try/finally. A name registered again replaces the earlier
 * hook (a dev reload registers afresh).
 */
export function onShutdown(name: string, stop: () => Promise<void>, phase: ShutdownPhase = "work"): void {
  const hooks = state().hooks.filter((h) => h.name !== name);
  hooks.push({ name, phase, stop });
  state().hooks = hooks;
}

/**
 * Runs the phase's hooks in turn, each bounded by what is left of `timeoutMs`; a hook that fails or
 * overruns is reported and the next one still runs. Resolves with the names of those that did not finish.
 */
export async function runShutdownHooks(
  phase: ShutdownPhase,
  timeoutMs: number,
  log: (line: string) => void = console.warn,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const failed: string[] = [];
  const hooks = state().hooks.filter((h) => h.phase === phase);
  state().hooks = state().hooks.filter((h) => h.phase !== phase);
  for (const hook of hooks.reverse()) {
    const left = Math.max(deadline - Date.now(), 0);
    let timer: NodeJS.Timeout | undefined;
    const overrun = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), left)));
    try {
      const outcome = await Promise.race([hook.stop().then(() => "done" as const), overrun]);
      if (outcome === "timeout") {
        failed.push(hook.name);
        log(`[shutdown] ${hook.name} did not stop within the time left; going on`);
      }
    } catch (err) {
      failed.push(hook.name);
      log(`[shutdown] ${hook.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
    }
  }
  return failed;
}

/**
 * SHUTDOWN_TIMEOUT_MS for code outside Next's bundle (scripts/server.ts cannot load lib/core/env.ts, which
 * is server-only). lib/core/env.ts validates the same variable at start, so a bad value fails there first.
 */
export function shutdownTimeoutMs(vars: Record<string, string | undefined> = process.env): number {
  const raw = vars.SHUTDOWN_TIMEOUT_MS;
  const n = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : DEFAULT_SHUTDOWN_TIMEOUT_MS;
}

/** Test helper: forget the flag and hooks (unit tests share one process). */
export function resetLifecycleForTests(): void {
  store[KEY] = { shuttingDown: false, hooks: [] };
}
