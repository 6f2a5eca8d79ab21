import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";

const require = createRequire(import.meta.url);

/**
 * Our own advisory-lock key for "migrating" (an arbitrary constant; Prisma's engine uses 72707369 for
 * its own lock, which it gives up on after 10 s, so several processes starting together could fail).
 */
export const MIGRATION_LOCK_KEY = 4_107_220_615;

/** The embedded PGlite is one process with one connection: no second session to hold a lock with. */
const isEmbedded = (url: string) => new URL(url).searchParams.get("application_name") === "portal-embedded";

/**
 * `prisma migrate deploy` once, even when several portal processes start together on one PostgreSQL: each
 * waits for a session advisory lock first, so the second finds the schema current instead of racing the
 * first. The lock is a session's, so a process that dies while holding it lets the next one go on.
 */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  await withStartupLock(databaseUrl, () => runPrismaMigrate(databaseUrl));
}

/**
 * The same lock for the other once-only start-up steps (the Local environment, the first admin): two
 * processes starting on a fresh database would otherwise both create them. No lock on the embedded one.
 */
export function withStartupLock<T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> {
  return isEmbedded(databaseUrl) ? fn() : withMigrationLock(databaseUrl, fn);
}

export async function withMigrationLock<T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A lost connection would free the lock under us; the migration's own error says what went wrong.
  client.on("error", (err) => console.warn(`[portal] migration lock connection: ${err.message}`));
  await client.connect();
  try {
    const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1) AS got", [
      MIGRATION_LOCK_KEY,
    ]);
    if (!rows[0]?.got) {
      console.log("[portal] another process is migrating the database; waiting for it");
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `prisma migrate deploy` through the JS schema engine (prisma.config.ts); output kept unless it fails. */
function runPrismaMigrate(databaseUrl: string): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("exit", (code) => {
      if (code === 0) {
        const applied = output.match(/following migration\(s\) have been applied:[\s\S]*/)?.[0];
        console.log(applied ? `[portal] database migrated` : "[portal] database schema is up to date");
        resolve();
      } else reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output}`));
    });
  });
}
