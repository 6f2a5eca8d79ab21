import "server-only";
import { readdirSync } from "node:fs";
import path from "node:path";
import { getPool } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { logger } from "@/lib/core/log";
import { workersRunning } from "@/lib/core/jobs/running";

// Readiness for a load balancer or an orchestrator (Kubernetes' readinessProbe): send this process
// traffic only when it can serve it. Liveness (app/api/health/live) asks nothing of the database: a
// database outage must take every process out of rotation, not get them all restarted (ADR 023).

export type CheckStatus = "ok" | "failing" | "not_required";
export type Check = { status: CheckStatus; detail?: string; pending?: string[]; failed?: string[] };
export type Readiness = { ready: boolean; checks: { database: Check; migrations: Check; jobs: Check } };

const DB_TIMEOUT_MS = 2_000;

/** No SQL answer within `ms` is a failed check; the query itself is left to finish or fail on its own. */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const log = logger("health");

// Read once per process: the migrations this build ships are fixed for its life.
const EXPECTED = Symbol.for("systembruker-portal.expected-migrations");
const g = globalThis as typeof globalThis & { [EXPECTED]?: string[] };

/** The migration directories this build ships (prisma/migrations/NNNN_name). */
export function expectedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  g[EXPECTED] ??= readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{4}_/.test(e.name))
    .map((e) => e.name)
    .sort();
  return g[EXPECTED];
}

// The probes answer anyone: the cause (host names, users, driver messages) goes to the log, not the body.
async function checkDatabase(): Promise<Check> {
  try {
    await within(DB_TIMEOUT_MS, getPool().query("SELECT 1"));
    return { status: "ok" };
  } catch (err) {
    log.warn({ err }, "readiness: the database did not answer");
    return { status: "failing", detail: "the database did not answer" };
  }
}

/** Every shipped migration applied and none failed or half-applied, as `prisma migrate deploy` records them. */
async function checkMigrations(expected: string[]): Promise<Check> {
  type Row = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null };
  try {
    const { rows } = await within(
      DB_TIMEOUT_MS,
      getPool().query<Row>("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations"),
    );
    const live = rows.filter((r) => r.rolled_back_at === null);
    const applied = new Set(live.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
    // Unfinished: failed (prisma then refuses to go on until someone resolves it) or being applied right
    // now by another process. Either way this process's code may not match the schema yet.
    const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
    const pending = expected.filter((name) => !applied.has(name) && !failed.includes(name));
    if (failed.length === 0 && pending.length === 0) return { status: "ok" };
    return { status: "failing", ...(pending.length ? { pending } : {}), ...(failed.length ? { failed } : {}) };
  } catch (err) {
    log.warn({ err }, "readiness: could not read the applied migrations");
    return { status: "failing", detail: "could not read the applied migrations" };
  }
}

function checkJobs(): Check {
  if (env().JOBS === "off") return { status: "not_required" };
  return workersRunning() ? { status: "ok" } : { status: "failing", detail: "workers not started in this process" };
}

export async function readiness(): Promise<Readiness> {
  const database = await checkDatabase();
  const migrations: Check =
    database.status === "ok"
      ? await checkMigrations(expectedMigrations())
      : { status: "failing", detail: "no database" };
  const checks = { database, migrations, jobs: checkJobs() };
  return { ready: Object.values(checks).every((c) => c.status !== "failing"), checks };
}
