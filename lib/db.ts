import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

/** Marks the embedded database's URL (scripts/lib/embedded-db.ts, test/databases.ts). */
export const EMBEDDED_APP_NAME = "portal-embedded";

function create() {
  const url = env().DATABASE_URL;
  // PGlite is one session behind a socket multiplexer that can interleave two clients' extended-protocol
  // messages (seen as a query answering with no rows while the row existed). One connection avoids
  // that; transactions then queue for it, so they may wait longer.
  const embedded = new URL(url).searchParams.get("application_name") === EMBEDDED_APP_NAME;
  const adapter = new PrismaPg({ connectionString: url, max: embedded ? 1 : 5 });
  return new PrismaClient({ adapter, ...(embedded ? { transactionOptions: { maxWait: 30_000, timeout: 30_000 } } : {}) });
}

// Read back from globalThis so dev reloads and tests reuse one pool instead of leaking them.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

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
