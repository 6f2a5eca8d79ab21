import "server-only";
import PgBoss from "pg-boss";
import { getPool } from "@/lib/core/db";
import { logger } from "@/lib/core/log";
import { QUEUES, type QueueName } from "@/lib/core/jobs/queues";

// One pg-boss per process, on the process's one pg pool (lib/core/db.ts): on the embedded database a
// second connection would let the socket multiplexer interleave queries (ADR 001 amendment).
const g = globalThis as unknown as { boss?: Promise<PgBoss> };

async function start(): Promise<PgBoss> {
  const pool = getPool();
  const boss = new PgBoss({
    // pg-boss keeps its tables in schema `pgboss` and versions them itself (ADR 008): its functions
    // are PL/pgSQL, which Prisma's migration runner splits at every semicolon and cannot apply.
    schema: "pgboss",
    db: { executeSql: (text, values) => (values?.length ? pool.query(text, values) : pool.query(text)) },
    supervise: true,
    schedule: true,
  });
  boss.on("error", (err) => logger("jobs").error({ err }, "job queue error"));
  await boss.start();
  for (const q of QUEUES) {
    await retryDeadlock(() => boss.createQueue(q.name, { name: q.name, ...q.options }));
    // createQueue leaves an existing queue as it was: an upgrade that changes a queue's options
    // (an expiry, a policy) reaches installed databases only through updateQueue.
    await retryDeadlock(() => boss.updateQueue(q.name, { name: q.name, ...q.options }));
  }
  return boss;
}

// Processes starting together on a fresh database create the same queues at once; PostgreSQL then
// may pick one of them as a deadlock victim (40P01, seen in bench:scale), which would leave that
// process without workers for good. The victim's transaction was rolled back: trying again is safe.
async function retryDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (code !== "40P01" || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * i));
    }
  }
}

/** Starts pg-boss on first use (installing or upgrading its schema) and creates our queues. */
export function getBoss(): Promise<PgBoss> {
  g.boss ??= start().catch((err: unknown) => {
    g.boss = undefined;
    throw err;
  });
  return g.boss;
}

/**
 * Stops fetching jobs and lets the handlers running here finish, up to `timeoutMs` (not the shared pool,
 * which lib/core/db.ts closes). A handler still running then is left "active" in pgboss.job: its queue's
 * expireInSeconds ends it, and the cron schedule (lib/core/jobs/queues.ts) sends the work again.
 */
export async function stopBoss(timeoutMs = 5_000): Promise<void> {
  const boss = await g.boss?.catch(() => undefined);
  g.boss = undefined;
  await boss?.stop({ graceful: true, close: false, timeout: timeoutMs, wait: true });
}

/**
 * Asks for a queue's work to run now instead of at its next scheduled minute. Lives here, not beside
 * the handlers, so the code that enqueues work does not import the code that does it.
 */
export async function kick(name: QueueName, data: object = {}): Promise<void> {
  const boss = await getBoss();
  await boss.send(name, data);
}
