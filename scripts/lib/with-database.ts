import { startEmbeddedDb } from "./embedded-db";
import { migrateDeploy } from "./migrate";

/** DATABASE_URL set: use that PostgreSQL. Unset: embedded PGlite. Either way, migrations are applied. */
export async function withDatabase(): Promise<{ embedded: boolean; stop: () => Promise<void> }> {
  let stop = async () => {};
  const embedded = !process.env.DATABASE_URL;
  if (embedded) {
    const db = await startEmbeddedDb();
    process.env.DATABASE_URL = db.url;
    stop = db.stop;
  }
  await migrateDeploy(process.env.DATABASE_URL ?? "");
  return { embedded, stop };
}
