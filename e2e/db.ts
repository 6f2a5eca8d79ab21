import path from "node:path";
import pg from "pg";
import { targetByPort } from "./servers";

/**
 * One statement against the target's database, for what no page can do: making a request look weeks old.
 * PGlite is served on a Unix socket in the data dir (scripts/lib/embedded-db.ts); PostgreSQL has its URL.
 */
export async function sql(baseURL: string, text: string, values: unknown[] = []): Promise<number> {
  const target = targetByPort(baseURL);
  const client = new pg.Client(
    target.databaseUrl
      ? { connectionString: target.databaseUrl }
      : { host: path.join(target.dataDir, "run"), user: "postgres", database: "postgres" },
  );
  await client.connect();
  try {
    return (await client.query(text, values)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}
