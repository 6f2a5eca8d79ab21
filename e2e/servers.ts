import { spawnSync } from "node:child_process";
import path from "node:path";
import { postgresDecision } from "../test/postgres-required";

// The two databases the suite runs against, each with its own portal and emulator.
export type Target = {
  name: "pglite" | "postgres" | "security";
  portalPort: number;
  emulatorPort: number;
  dataDir: string;
  databaseUrl?: string;
};

const root = path.resolve(import.meta.dirname, "..");
export const BOOTSTRAP_PASSWORD = "e2e-bootstrap-one-time";

// E2E_PORT_OFFSET lets several checkouts on one machine run the suite at once without colliding.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

export const TARGETS: Target[] = [
  {
    name: "pglite",
    portalPort: 3100 + offset,
    emulatorPort: 4110 + offset,
    dataDir: path.join(root, ".data-e2e/pglite"),
  },
  {
    name: "postgres",
    portalPort: 3200 + offset,
    emulatorPort: 4210 + offset,
    dataDir: path.join(root, ".data-e2e/postgres"),
    databaseUrl: `postgresql://postgres@127.0.0.1:5432/portal_e2e${offset ? `_${offset}` : ""}`,
  },
];

/**
 * The security suite's own portal (npm run test:security): PGlite, its own ports and data, and the
 * settings its checks need (e.g. a low public rate limit), so exhausting a limit never touches the e2e run.
 */
export const SECURITY_TARGET: Target = {
  name: "security",
  portalPort: 3300 + offset,
  emulatorPort: 4310 + offset,
  dataDir: path.join(root, ".data-e2e/security"),
};

/**
 * PostgreSQL at 127.0.0.1:5432 is used when it answers; otherwise that half of the suite is skipped,
 * unless REQUIRE_POSTGRES is set (CI): then the run fails with a message saying so.
 */
export function postgresAvailable(): boolean {
  const res = spawnSync("pg_isready", ["-h", "127.0.0.1", "-p", "5432", "-t", "3"]);
  return postgresDecision(res.status === 0) === "run";
}

export function targetEnv(t: Target): Record<string, string> {
  return {
    PORT: String(t.portalPort),
    PORTAL_DATA_DIR: t.dataDir,
    PORTAL_URL: `http://127.0.0.1:${t.portalPort}`,
    EMULATOR_URL: `http://127.0.0.1:${t.emulatorPort}`,
    PORTAL_BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_PASSWORD,
    // The test runner acts as the one trusted proxy: the API specs send an X-Forwarded-For of their own
    // (the address "the proxy saw"), so exhausting a public limit there never blocks a browser spec, whose
    // requests (no such header) are keyed on the socket.
    TRUST_PROXY_HOPS: "1",
    ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}),
  };
}

export function targetByPort(baseURL: string): Target {
  const port = Number(new URL(baseURL).port);
  const found = [...TARGETS, SECURITY_TARGET].find((t) => t.portalPort === port);
  if (!found) throw new Error(`no e2e target on ${baseURL}`);
  return found;
}
