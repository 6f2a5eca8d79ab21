// Starts one e2e target from scratch: a wiped data dir (and, for PostgreSQL, a fresh database).
import { rmSync } from "node:fs";
import pg from "pg";
import { SECURITY_TARGET, TARGETS, targetEnv } from "./servers";

const target = [...TARGETS, SECURITY_TARGET].find((t) => t.name === process.argv[2]);
if (!target) throw new Error(`usage: serve.ts <${TARGETS.map((t) => t.name).join("|")}>`);
rmSync(target.dataDir, { recursive: true, force: true });
if (target.databaseUrl) {
  const admin = new pg.Client({ connectionString: target.databaseUrl.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  // The name comes from TARGETS ([a-z0-9_] only); DDL cannot take bind parameters.
  const name = new URL(target.databaseUrl).pathname.slice(1);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}
Object.assign(process.env, targetEnv(target));
await import("../scripts/start");
