import { spawn, type ChildProcess } from "node:child_process";

const children: ChildProcess[] = [];

/** Starts a child whose output is prefixed, and which dies with us. */
export function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter(Boolean)
      .map((l) => `[${name}] ${l}`)
      .join("\n");
  child.stdout?.on("data", (d: Buffer) => console.log(prefix(d)));
  child.stderr?.on("data", (d: Buffer) => console.error(prefix(d)));
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[portal] ${name} exited (${signal ?? code}); stopping.`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
let cleanup: () => Promise<void> = async () => {};
export function onStop(fn: () => Promise<void>) {
  cleanup = fn;
}

/**
 * Passes SIGTERM on to every child and waits for each to exit (the portal stops gracefully within
 * SHUTDOWN_TIMEOUT_MS, scripts/lib/graceful-stop.ts), then runs the cleanup (the embedded database).
 * A child that fails its own stop makes the exit code 1, so a supervisor sees it.
 */
export async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  const exited = children.map((c) =>
    c.exitCode !== null || c.signalCode !== null
      ? Promise.resolve(c.exitCode ?? 0)
      : new Promise<number>((r) => c.once("exit", (exitCode) => r(exitCode ?? 1))),
  );
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  const codes = await Promise.all(exited);
  await cleanup();
  process.exit(code || (codes.some((c) => c !== 0) ? 1 : 0));
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
