import "server-only";
import { db, getPool } from "@/lib/core/db";
import { within } from "@/lib/core/health";
import { QUEUES } from "@/lib/core/jobs/queues";
import { logger } from "@/lib/core/log";
import { metrics, type Metrics } from "@/lib/core/metrics";

// The gauges that describe shared state are read from the database at scrape time, not counted in
// memory: every portal process then reports the same queue depth and backlog, whichever one the
// scraper reaches and whichever one did the work. The reads are a GROUP BY over pg-boss's job table
// (bounded: pg-boss archives finished jobs) and an indexed count of pending webhook deliveries.

const log = logger("metrics");
const STATES = ["created", "retry", "active"] as const;
const TIMEOUT_MS = 2_000;

async function collectQueues(m: Metrics): Promise<void> {
  type Row = { name: string; state: string; n: number };
  let rows: Row[];
  try {
    const result = await within(
      TIMEOUT_MS,
      getPool().query<Row>(
        `SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job
         WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY 1, 2`,
      ),
    );
    rows = result.rows;
  } catch (err) {
    // 42P01: pg-boss has never started against this database (no process works queues yet), so nothing waits.
    if ((err as { code?: string }).code !== "42P01") throw err;
    rows = [];
  }
  // Zeros first: a queue that emptied must read 0, not keep its last value.
  for (const q of QUEUES) {
    for (const state of STATES) m.queueDepth.set({ queue: q.name, state }, 0);
    m.queueFailed.set({ queue: q.name }, 0);
  }
  for (const r of rows) {
    if (r.state === "failed") m.queueFailed.set({ queue: r.name }, r.n);
    else m.queueDepth.set({ queue: r.name, state: r.state }, r.n);
  }
}

async function collectWebhooks(m: Metrics): Promise<void> {
  m.webhookBacklog.set(
    await within(TIMEOUT_MS, db.webhookDelivery.count({ where: { status: { in: ["pending", "working"] } } })),
  );
}

function collectPool(m: Metrics): void {
  const pool = getPool();
  m.pool.set({ state: "total" }, pool.totalCount);
  m.pool.set({ state: "idle" }, pool.idleCount);
  m.pool.set({ state: "waiting" }, pool.waitingCount);
}

/**
 * The exposition text of this process's registry, with the database-backed gauges read first. When the
 * database does not answer, those gauges are left out (not reported as zero) and the rest still answers.
 */
export async function renderMetrics(): Promise<{ text: string; contentType: string }> {
  const m = metrics();
  collectPool(m);
  const results = await Promise.allSettled([collectQueues(m), collectWebhooks(m)]);
  for (const [i, r] of results.entries()) {
    if (r.status === "fulfilled") continue;
    (i === 0 ? [m.queueDepth, m.queueFailed] : [m.webhookBacklog]).forEach((g) => g.reset());
    log.warn({ err: r.reason as unknown }, "could not read a database gauge");
  }
  return { text: await m.registry.metrics(), contentType: m.registry.contentType };
}
