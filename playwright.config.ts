import { defineConfig } from "@playwright/test";
import { CHROMIUM } from "./e2e/chromium";
import { TARGETS, postgresAvailable } from "./e2e/servers";

const POSTGRES_SPECS = [
  "first-start.spec.ts",
  "chain.spec.ts",
  "bulk.spec.ts",
  "vendor-api.spec.ts",
  "multiprocess.spec.ts",
].map((f) => `**/${f}`);
const POSTGRES_ONLY_SPECS = ["**/multiprocess.spec.ts"];

// E2E_TARGETS=pglite starts (and runs) only that target's servers: for single specs on a busy machine.
const only = process.env.E2E_TARGETS?.split(",").map((s) => s.trim());
const targets = TARGETS.filter((t) => (only ? only.includes(t.name) : t.name === "pglite" || postgresAvailable()));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: CHROMIUM,
  },
  // Every spec runs on PGlite (what `npm start` gives a new user). On PostgreSQL the browser runs the specs
  // whose path through the database differs most (bootstrap, the whole chain, the bulk queue, the outbox
  // and webhooks); the integration suites check every data-layer difference on both engines, faster.
  projects: targets.map((t) => ({
    name: t.name,
    use: { baseURL: `http://127.0.0.1:${t.portalPort}` },
    // multiprocess.spec.ts starts its own portals on PostgreSQL (several processes need it): postgres only.
    ...(t.name === "postgres" ? { testMatch: POSTGRES_SPECS } : { testIgnore: POSTGRES_ONLY_SPECS }),
  })),
  // The real production build, the real emulator and the real database, one set per target.
  webServer: targets.map((t) => ({
    command: `node --conditions=react-server --import tsx e2e/serve.ts ${t.name}`,
    url: `http://127.0.0.1:${t.portalPort}/api/health`,
    timeout: 180_000,
    // E2E_REUSE_SERVERS=1: run against servers already started with e2e/serve.ts (several runs, one state).
    reuseExistingServer: process.env.E2E_REUSE_SERVERS === "1",
    stdout: "ignore",
    stderr: "pipe",
  })),
});
