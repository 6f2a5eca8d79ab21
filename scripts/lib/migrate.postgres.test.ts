import pg from "pg";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createPostgresDatabase, postgresAnswers, type TestDatabase } from "@/test/databases";
import { describePostgres } from "@/test/require-postgres";
import { MIGRATION_LOCK_KEY, migrateDeploy, withMigrationLock } from "./migrate";

const available = await postgresAnswers();

describePostgres("migrations when several processes start together (PostgreSQL)", available, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    await database?.stop();
  });

  it("waits for the process holding the lock instead of racing it", async () => {
    const order: string[] = [];
    let release = () => {};
    const first = withMigrationLock(database.url, async () => {
      order.push("first in");
      await new Promise<void>((r) => (release = r));
      order.push("first out");
    });
    await expect.poll(() => order).toEqual(["first in"]);
    const second = withMigrationLock(database.url, async () => void order.push("second in"));
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual(["first in"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second in"]);
  });

  it("applies every migration exactly once when two start at the same time", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    await Promise.all([migrateDeploy(database.url), migrateDeploy(database.url)]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; n: number; failed: number }>(
        `SELECT migration_name AS name, count(*)::int AS n, count(*) FILTER (WHERE finished_at IS NULL)::int AS failed
         FROM _prisma_migrations GROUP BY migration_name`,
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.n !== 1 || r.failed !== 0)).toEqual([]);
      // This database's lock only: other test files migrate their own databases at the same time.
      const held = await client.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [MIGRATION_LOCK_KEY % 2 ** 32],
      );
      expect(held.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  }, 120_000);
});
