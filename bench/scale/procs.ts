// Shared by the scale benches (bench/scale/*.ts): the three-process set-up of e2e/multiprocess.ts on a
// database and ports of their own (38xxx: E2E_PORT_OFFSET 1000 unless set), started and torn down.
import { existsSync } from "node:fs";
import path from "node:path";

process.env.E2E_PORT_OFFSET ??= "1000";
// All bench traffic comes from 127.0.0.1: the public page's per-address limit (default 20 a minute)
// would measure the limiter, not the page. 100,000 is the most lib/core/env.ts accepts.
process.env.PUBLIC_RATE_LIMIT_PER_MINUTE ??= "100000";
export const mp = await import("../../e2e/multiprocess");

export type Setup = { secret: string; systemId: string; orgNo: string; publicPath: string };
export const TOKEN_CUSTOMER = "310904473";

export async function startAll(
  processes: number,
): Promise<{ procs: import("../../e2e/multiprocess").Proc[]; setup: Setup; stop: () => Promise<void> }> {
  if (!existsSync(path.resolve(import.meta.dirname, "../../.next/BUILD_ID")))
    throw new Error("No production build: run `npx next build` first (the processes run `npm run serve`).");
  await mp.admin(`DROP DATABASE IF EXISTS ${mp.databaseName} WITH (FORCE)`);
  await mp.admin(`CREATE DATABASE ${mp.databaseName}`);
  const emulator = mp.startEmulator();
  const procs: import("../../e2e/multiprocess").Proc[] = [];
  const stop = async () => {
    for (const p of [...procs, emulator]) mp.signal(p, "SIGKILL");
    await Promise.all([...procs, emulator].map((p) => p.exited));
    await mp.admin(`DROP DATABASE IF EXISTS ${mp.databaseName} WITH (FORCE)`).catch(() => undefined);
  };
  // The processes run in groups of their own, so Ctrl-C would not reach them: take them down with us.
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  try {
    if (!(await mp.healthy(`${mp.emulatorUrl}/emulator/health`, 30_000))) throw new Error(mp.tail(emulator));
    // The first alone, then the rest: started all at once (as the multiprocess spec does), pg-boss's
    // create_queue deadlocked between two processes here once (40P01 in the instrumentation hook, health
    // 500 for good). The benches measure the running portal, not its first start.
    for (let n = 0; n < processes; n++) {
      procs.push(mp.startPortal(n));
      if (n === 0 || n === processes - 1)
        for (const [i, p] of procs.entries())
          if (!(await mp.healthy(`http://127.0.0.1:${mp.portalPort(i)}/api/health`, 180_000)))
            throw new Error(mp.tail(p));
    }
    await mp.run("demo", ["scripts/demo.ts"], mp.portalEnv(0));
    const line = await mp.run("setup", ["bench/scale/setup-cli.ts", TOKEN_CUSTOMER], mp.portalEnv(0));
    return { procs, setup: JSON.parse(line) as Setup, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export const portalUrl = (n: number) => `http://127.0.0.1:${mp.portalPort(n)}`;

export const emulatorStats = () => mp.emulatorStats();

export const p99 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.ceil(ms.length * 0.99) - 1] ?? NaN;
