import { randomBytes } from "node:crypto";
import { defineConfig } from "@playwright/test";
import { CHROMIUM } from "../e2e/chromium";
import { SECURITY_TARGET as t } from "../e2e/servers";

// npm run test:security: the security checks, each a test, against the real production build and the
// real emulator (PGlite), over HTTP and in Chromium. The reporter prints `security checks: P/N`.
export default defineConfig({
  testDir: ".",
  testMatch: "**/*.check.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["./reporter.ts"]],
  use: {
    baseURL: `http://127.0.0.1:${t.portalPort}`,
    trace: "retain-on-failure",
    launchOptions: CHROMIUM,
  },
  projects: [{ name: "security" }],
  webServer: {
    command: `node --conditions=react-server --import tsx e2e/serve.ts security`,
    cwd: "..",
    url: `http://127.0.0.1:${t.portalPort}/api/health`,
    timeout: 180_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVERS === "1",
    // Settings the checks rely on (the rest come from targetEnv in e2e/servers.ts).
    env: {
      PUBLIC_RATE_LIMIT_PER_MINUTE: "20",
      // public-onboarding.check.ts: the hourly cap on public requests per system, low enough to reach.
      PUBLIC_REQUESTS_PER_SYSTEM_PER_HOUR: "3",
      // oidc.check.ts: single sign-on through the emulator's ID-porten (start.ts registers the client),
      // with no OIDC_DEFAULT_ROLE, so an unknown identity is refused.
      OIDC_ISSUER: `http://127.0.0.1:${t.emulatorPort}/idporten/`,
      OIDC_CLIENT_ID: "portal-signin",
      OIDC_CLIENT_SECRET: randomBytes(24).toString("base64url"),
      OIDC_NAME: "ID-porten (emulator)",
    },
    stdout: "ignore",
    stderr: "pipe",
  },
});
