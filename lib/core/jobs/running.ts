// Whether this process works the queues: set by lib/jobs/worker.ts, read by readiness (lib/core/health.ts).
// On globalThis, since instrumentation.ts (which starts the workers) and the route handlers may each load
// their own copy of a module.
const RUNNING = Symbol.for("systembruker-portal.workers-running");
const g = globalThis as typeof globalThis & { [RUNNING]?: boolean };

export function setWorkersRunning(running: boolean): void {
  g[RUNNING] = running;
}

export function workersRunning(): boolean {
  return g[RUNNING] === true;
}
