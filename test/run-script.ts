import { spawn } from "node:child_process";

export type ScriptRun = { status: number | null; stdout: string; stderr: string };

/**
 * A script run as its npm command runs it (node with tsx, and the react-server condition unless the
 * command goes without), with this process's env plus `env`. Not spawnSync: the test database (PGlite)
 * is served from this process and must keep answering.
 */
export function runScript(
  script: string,
  args: string[] = [],
  opts: { env?: Record<string, string>; reactServer?: boolean } = {},
): Promise<ScriptRun> {
  const conditions = opts.reactServer === false ? [] : ["--conditions=react-server"];
  const child = spawn(process.execPath, [...conditions, "--import", "tsx", script, ...args], {
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
