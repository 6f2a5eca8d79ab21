// npm run bench — webhook delivery through the real path (event in a transaction → listener → sender →
// signed POST → retries), with the retry schedule compressed from a day to three seconds:
//  1. 1,000 events to a receiver that fails 30% of attempts at random. Prints delivered / emitted
//     (distinct event ids the receiver answered 2xx). Goal 1.000: every event arrives.
//  2. 1,000 events, one at a time, to a healthy receiver. Prints the p95 from commit to first 2xx.
// Runs on the local PostgreSQL when it answers, then on embedded PGlite, each in its own process.
import { spawnSync } from "node:child_process";
import { createPostgresDatabase, postgresAnswers, startPglite, type TestDatabase } from "../test/databases";
import { startPortal, type Portal } from "../test/portal";
import { until } from "../test/until";
import { startReceiver, type Receiver } from "../test/webhook-receiver";

const EVENTS = 1000;
const FAIL_SHARE = 0.3;
// Eight attempts like the real schedule (0, 5 s, 5 min, … 10 h), in milliseconds.
const SCHEDULE = "0,20,50,100,200,400,800,1600";

async function emitAll(portal: Portal, n: number, parallel: number, onCommit?: (id: string) => void) {
  const { emitEvent } = await import("@/lib/events/emit");
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) {
        const i = next++;
        const e = await portal.db.$transaction((tx) =>
          emitEvent(tx, portal.environmentId, "request.accepted", { bench: i }),
        );
        onCommit?.(e.id);
      }
    }),
  );
}

async function settled(portal: Portal, endpointId: string) {
  const busy = await portal.db.webhookDelivery.count({ where: { endpointId, status: { in: ["pending", "working"] } } });
  return busy === 0;
}

async function flaky(portal: Portal, receiver: Receiver, name: string) {
  const { createWebhookEndpoint, deleteWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
  const { replayWebhooksSince } = await import("@/lib/webhooks/replay");
  const admin = portal.scope(portal.actors.admin);
  receiver.respond((r) => (r.path === "/flaky" && Math.random() < FAIL_SHARE ? 500 : 200));
  const since = new Date();
  const { id } = await createWebhookEndpoint(admin, { url: `${receiver.url}/flaky` });
  const t0 = performance.now();
  await emitAll(portal, EVENTS, 8);
  await until(() => settled(portal, id), "every delivery settled", { timeoutMs: 300_000, intervalMs: 200 });
  const seconds = (performance.now() - t0) / 1000;
  const delivered = receiver.okCounts().size;
  const attempts = await portal.db.webhookAttempt.count({ where: { delivery: { endpointId: id } } });
  const byStatus = await portal.db.webhookDelivery.groupBy({ by: ["status"], where: { endpointId: id }, _count: true });
  const statuses = byStatus.map((g) => `${g.status} ${g._count}`).join(", ");
  const twice = [...receiver.okCounts().values()].filter((c) => c > 1).length;
  console.log(
    `webhook events delivered / emitted: ${(delivered / EVENTS).toFixed(3)}  (${name}; ${EVENTS} events, ${FAIL_SHARE * 100}% of attempts fail at random, schedule ${SCHEDULE} ms; ${attempts} attempts in ${seconds.toFixed(1)} s; ${statuses}; ${twice} delivered twice; goal 1.000${delivered === EVENTS ? "" : " MISSED"})`,
  );
  if (delivered < EVENTS) {
    // Eight failures in a row (0.3^8 per event) gives up, marks the endpoint failing and holds what
    // follows: nothing is lost, and a replay sends it. Shown so a miss is explained, not hidden.
    await replayWebhooksSince(admin, id, { since });
    await until(() => settled(portal, id), "the replay settled", { timeoutMs: 120_000, intervalMs: 200 });
    console.log(`  after replay since the start: ${(receiver.okCounts().size / EVENTS).toFixed(3)}`);
    process.exitCode = 1;
  }
  await deleteWebhookEndpoint(admin, id);
}

async function latency(portal: Portal, receiver: Receiver, name: string) {
  const { createWebhookEndpoint } = await import("@/lib/webhooks/endpoints");
  receiver.respond(() => 200);
  const { id } = await createWebhookEndpoint(portal.scope(portal.actors.admin), { url: `${receiver.url}/healthy` });
  const committed = new Map<string, number>();
  await emitAll(portal, EVENTS, 1, (eventId) => committed.set(eventId, performance.now()));
  await until(() => settled(portal, id), "every delivery settled", { timeoutMs: 120_000, intervalMs: 100 });
  const first = new Map<string, number>();
  for (const r of receiver.received)
    if (r.path === "/healthy" && r.status === 200 && !first.has(r.id)) first.set(r.id, r.at);
  const ms = [...committed].map(([eventId, at]) => (first.get(eventId) ?? Infinity) - at).sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)] ?? NaN;
  console.log(
    `webhook delivery p95 ms: ${pct(95).toFixed(0)}  (${name}; commit → first 2xx for ${EVENTS} events emitted one at a time; p50 ${pct(50).toFixed(0)}, p99 ${pct(99).toFixed(0)}, max ${pct(100).toFixed(0)})`,
  );
}

async function benchOne(name: string, start: () => Promise<TestDatabase>) {
  process.env.WEBHOOK_RETRY_SCHEDULE = SCHEDULE;
  const database = await start();
  const portal = await startPortal(database.url);
  const receiver = await startReceiver();
  const { startWorkers, stopWorkers } = await import("@/lib/jobs/worker");
  try {
    await startWorkers();
    await flaky(portal, receiver, name);
    await latency(portal, receiver, name);
  } finally {
    await stopWorkers();
    await receiver.close();
    await portal.stop();
    await database.stop();
  }
}

const which = process.argv[2];
if (which === "postgresql" || which === "pglite") {
  await benchOne(which, which === "pglite" ? startPglite : createPostgresDatabase);
} else {
  const targets = (await postgresAnswers()) ? ["postgresql", "pglite"] : ["pglite"];
  if (targets.length === 1) console.log("webhooks bench: PostgreSQL on 127.0.0.1:5432 does not answer; PGlite only");
  for (const t of targets) {
    const res = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? "bench/webhooks.ts", t], {
      stdio: "inherit",
    });
    if (res.status !== 0) process.exitCode = res.status ?? 1;
  }
}
