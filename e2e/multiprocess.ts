// Processes for e2e/multiprocess.spec.ts: the emulator and portal processes as `npm run serve` starts
// them (scripts/start.ts), each in a process group of its own so a SIGKILL takes its Next server too.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { newAuditSigningKey } from "../scripts/lib/runtime-env";

const root = path.resolve(import.meta.dirname, "..");
// Ports 37xxx, moved by E2E_PORT_OFFSET like the other e2e servers.
const base = 37_000 + Number(process.env.E2E_PORT_OFFSET ?? 0);
export const EMULATOR_PORT = base + 10;
export const portalPort = (n: number) => base + 11 + n;
export const databaseName = `portal_mp_${process.env.E2E_PORT_OFFSET ?? 0}`;
export const databaseUrl = `postgresql://postgres@127.0.0.1:5432/${databaseName}`;
/** Where e2e/pg-proxy.ts listens when a spec puts it between the processes and PostgreSQL. */
export const RELAY_PORT = base + 9;
export const emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT}`;

export type Proc = { name: string; child: ChildProcess; log: string; exited: Promise<number | null> };

// Made on first use: Playwright also loads this module in its main process, which starts nothing.
let made: string | undefined;
const workDir = () => (made ??= mkdtempSync(path.join(tmpdir(), "portal-mp-")));

/** Everything the processes share: one database, one emulator, the same keys (docs/production.md). */
const shared = {
  DATABASE_URL: databaseUrl,
  EMULATOR_URL: emulatorUrl,
  PORTAL_MASTER_KEY: randomBytes(32).toString("base64"),
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  AUDIT_SIGNING_KEY: newAuditSigningKey(),
  PORTAL_BOOTSTRAP_ADMIN_PASSWORD: "mp-bootstrap-one-time",
  SHUTDOWN_TIMEOUT_MS: "10000",
};

/** What the processes are started with beyond `shared`: set by a spec before it starts them. */
export const options = { viaRelay: false, env: {} as Record<string, string> };

export function portalEnv(n: number): NodeJS.ProcessEnv {
  const port = portalPort(n);
  return {
    ...process.env,
    ...shared,
    ...options.env,
    ...(options.viaRelay ? { DATABASE_URL: databaseUrl.replace(":5432/", `:${RELAY_PORT}/`) } : {}),
    PORT: String(port),
    // The public address, one for all (a proxy's, in production): Altinn redirects the customer there.
    PORTAL_URL: `http://127.0.0.1:${portalPort(0)}`,
    PORTAL_DATA_DIR: path.join(workDir(), `portal-${n}`),
    // pg reads it: the spec tells from pg_stat_activity which process works the bulk job.
    PGAPPNAME: `portal-mp-${n}`,
  };
}

export function start(name: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const log = path.join(workDir(), `${name}.log`);
  const out = createWriteStream(log);
  const child = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { name, child, log, exited };
}

export const startEmulator = () =>
  start("emulator", ["--import", "tsx", "emulator/main.ts"], {
    ...process.env,
    EMULATOR_PORT: String(EMULATOR_PORT),
    EMULATOR_HOST: "127.0.0.1",
    EMULATOR_PUBLIC_URL: emulatorUrl,
    EMULATOR_STATE_FILE: path.join(workDir(), "emulator-state.json"),
  });

export const startPortal = (n: number) =>
  start(`portal-${n}`, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], portalEnv(n));

/** Runs a set-up script to its end; its last line of output is the answer. */
export async function run(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const p = start(name, ["--conditions=react-server", "--import", "tsx", ...args], env);
  const code = await p.exited;
  const text = readFileSync(p.log, "utf8");
  if (code !== 0) throw new Error(`${name} failed (${code}):\n${text}`);
  return text.trim().split("\n").pop() ?? "";
}

/** Signals the whole process group (scripts/start.ts and the Next server it started). */
export function signal(p: Proc, sig: NodeJS.Signals) {
  if (!p.child.pid) return;
  try {
    process.kill(-p.child.pid, sig);
  } catch {
    // The group has gone already.
  }
}

export const tail = (p: Proc) => readFileSync(p.log, "utf8").split("\n").slice(-30).join("\n");

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

export async function admin(statement: string) {
  const client = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/]+$/, "/postgres") });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function healthy(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

export async function emulatorStats(): Promise<{ requests: number; tokenGrants: number }> {
  return (await (await fetch(`${emulatorUrl}/emulator/stats`)).json()) as { requests: number; tokenGrants: number };
}
