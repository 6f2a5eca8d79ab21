import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

function create() {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 5 });
  return new PrismaClient({ adapter });
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
