// npm start / npm run serve: embedded database (unless DATABASE_URL), migrations, first-start
// bootstrap, the emulator (for the Local emulator environment) and the Next.js server.
import { createRequire } from "node:module";
import path from "node:path";
import { prepareRuntimeEnv, dataDir } from "./lib/runtime-env";
import { withDatabase } from "./lib/with-database";
import { withStartupLock } from "./lib/migrate";
import { onStop, startChild, stopAll, waitFor } from "./lib/children";
import { registerDemoClient, registerIdportenClient, registerSignInClient } from "./lib/emulator-client";

const dev = process.argv.includes("--dev");
const port = prepareRuntimeEnv();
const database = await withDatabase();
onStop(database.stop);
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

const { ensureFirstAdmin, ensureLocalEnvironment, publicJwksFor } = await import("@/lib/environments/bootstrap");
const { closeDb } = await import("@/lib/core/db");
const { localMailCatcherPort } = await import("@/lib/environments/local");
// Under the start-up lock, so portal processes starting together on one PostgreSQL create these once.
const { envId, admin } = await withStartupLock(process.env.DATABASE_URL ?? "", async () => ({
  envId: await ensureLocalEnvironment(),
  admin: await ensureFirstAdmin(process.env.ADMIN_EMAIL ?? "admin@example.no"),
}));

const emulatorUrl = process.env.EMULATOR_URL ?? "";
if (process.env.EMULATOR !== "off" && !(await waitFor(`${emulatorUrl}/emulator/health`, 500))) {
  const { port: emulatorPort, hostname } = new URL(emulatorUrl);
  const require = createRequire(import.meta.url);
  startChild("emulator", process.execPath, [require.resolve("tsx/cli"), "emulator/main.ts"], {
    ...process.env,
    EMULATOR_PORT: emulatorPort || "80",
    EMULATOR_HOST: hostname,
    EMULATOR_PUBLIC_URL: emulatorUrl.replace(/\/$/, ""),
    // The local mail catcher the Local emulator environment sends through (lib/mail/local.ts).
    EMULATOR_SMTP_PORT: String(localMailCatcherPort(emulatorUrl)),
    EMULATOR_STATE_FILE: process.env.EMULATOR_STATE_FILE ?? path.join(dataDir(), "emulator-state.json"),
  });
  if (!(await waitFor(`${emulatorUrl}/emulator/health`))) throw new Error(`emulator did not start on ${emulatorUrl}`);
}
// Stands in for the vendor's one-time Digdir onboarding: the client exists, with the keys we hold.
if (process.env.EMULATOR !== "off") {
  await registerDemoClient(emulatorUrl, await publicJwksFor(envId));
  // Likewise the portal's ID-porten client, so client administrators can log in (clients pages).
  await registerIdportenClient(emulatorUrl, process.env.PORTAL_URL ?? "");
  await registerSignInClient(emulatorUrl, process.env);
}
await closeDb();

// The portal's own HTTP server (scripts/server.ts) runs Next inside it, so it can tell the app the
// client's real address. No react-server condition there: Next picks its React builds itself.
startChild("next", process.execPath, ["--import", "tsx", "scripts/server.ts", ...(dev ? ["--dev"] : [])], {
  ...process.env,
  PORT: String(port),
  NODE_ENV: dev ? "development" : "production",
});
// Its own port, not PORTAL_URL: behind a proxy that is the shared public address (docs/production.md).
if (!(await waitFor(`http://127.0.0.1:${port}/api/health`, 120_000))) throw new Error("portal did not start");

console.log(`\n  Portal:    ${process.env.PORTAL_URL}`);
console.log(`  Emulator:  ${emulatorUrl} (self-service: ${emulatorUrl}/selfservice)`);
console.log(
  `  Mail:      ${emulatorUrl.replace(/\/$/, "")}/mail (local SMTP catcher on port ${localMailCatcherPort(emulatorUrl)})`,
);
console.log(`  Database:  ${database.embedded ? `embedded PGlite in ${dataDir()}` : "DATABASE_URL"}`);
if (admin) {
  console.log(`\n  First start: sign in as ${admin.user.email} with the one-time password`);
  console.log(`      ${admin.password}`);
  console.log("  You will be asked to choose a new password. This is shown only once and is valid for 24 hours");
  console.log(`  (after that: npm run user:reset -- --email ${admin.user.email}).\n`);
} else {
  console.log("\n  Sign in with your account. New accounts: npm run user:create -- --email <e> --role <role>\n");
}
