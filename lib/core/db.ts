import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/core/env";
import { logger } from "@/lib/core/log";

/** Marks the embedded database's URL (scripts/lib/embedded-db.ts, test/databases.ts). */
export const EMBEDDED_APP_NAME = "portal-embedded";

function createPool(): pg.Pool {
  const url = env().DATABASE_URL;
  // PGlite is one session behind a socket multiplexer that can interleave two clients' extended-protocol
  // messages (seen as a query answering with no rows while the row existed). One connection avoids
  // that; transactions then queue for it, so they may wait longer.
  const embedded = new URL(url).searchParams.get("application_name") === EMBEDDED_APP_NAME;
  const pool = new pg.Pool({ connectionString: url, max: embedded ? 1 : 5 });
  // An idle connection the server ends (a restart, a failover, an admin's pg_terminate_backend) emits
  // "error" on the pool; unhandled, that would end the process. The pool drops the client and the next
  // query opens a new one, so a warning is all it takes.
  pool.on("error", (err) => logger("db").warn(`idle connection lost: ${err.message}`));
  return pool;
}

function isEmbedded(): boolean {
  return new URL(env().DATABASE_URL).searchParams.get("application_name") === EMBEDDED_APP_NAME;
}

function create() {
  // Prisma and the job queue share one pool, so the embedded database still sees one connection.
  const adapter = new PrismaPg(getPool());
  return new PrismaClient({
    adapter,
    ...(isEmbedded() ? { transactionOptions: { maxWait: 30_000, timeout: 30_000 } } : {}),
  });
}

// Read back from globalThis so dev reloads and tests reuse one pool instead of leaking them.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool };

/** The process's one pg pool (Prisma's adapter and pg-boss both run on it). */
export function getPool(): pg.Pool {
  globalForPrisma.pool ??= createPool();
  return globalForPrisma.pool;
}

export function getDb(): PrismaClient {
  globalForPrisma.prisma ??= create();
  return globalForPrisma.prisma;
}

/**
 * Created on first use, not at import: `next build` imports route modules without a database or
 * secrets, and env validation must not run then.
 */
export const db = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Ends Prisma and the pool, so a script's process can exit and a test can start afresh. */
export async function closeDb(): Promise<void> {
  const { prisma, pool } = globalForPrisma;
  globalForPrisma.prisma = undefined;
  globalForPrisma.pool = undefined;
  await prisma?.$disconnect();
  await pool?.end();
}
