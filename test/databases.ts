// Throwaway databases for integration tests: in-memory PGlite behind a socket, or a fresh database
// on the local PostgreSQL. Either way the caller gets a URL and a stop() that removes everything.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import pg from "pg";
import { until } from "./until";

export type TestDatabase = { url: string; stop: () => Promise<void> };

const POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** A port nobody listens on right now (asked from the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no port assigned"))));
    });
  });
}

export async function startPglite(): Promise<TestDatabase> {
  const db = await PGlite.create();
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 20 });
  await server.start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable&application_name=portal-embedded`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

/** True when the local PostgreSQL accepts a connection within two seconds. */
export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  // Only [a-z0-9_]: the name is interpolated into DDL, which cannot take bind parameters.
  const name = `portal_test_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: `postgresql://postgres@127.0.0.1:5432/${name}`,
    stop: async () => {
      await admin(async (c) => {
        // pg's pool.end() resolves before its connections have gone: forcing the drop while they close
        // kills them mid-goodbye (57P01, an unhandled error in the test run). Let them go first, then
        // force whatever is left.
        const connected = async () =>
          (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]))
            .rows[0]?.n ?? 0;
        await until(async () => (await connected()) === 0, `the connections to ${name} to close`, {
          timeoutMs: 5_000,
        }).catch(() => undefined);
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}
