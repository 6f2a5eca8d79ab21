// Three portal processes on one PostgreSQL and one emulator, as `npm run serve` runs them in production
// (docs/production.md): the public rate limit and the hourly cap hold across them, PostgreSQL going away
// in the middle of a bulk job and a status poll loses nothing, a bulk job of 1,000 customers survives a
// SIGKILL of the process working it, and SIGTERM lets a request in flight finish before the process
// exits 0. No browser; PostgreSQL only. The processes reach PostgreSQL through a relay (e2e/pg-proxy.ts)
// that can take the database away from them without restarting the machine's server.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { firstOrgOf, orgsFor } from "./orgs";
import * as mp from "./multiprocess";
import { PgRelay } from "./pg-proxy";
import * as limits from "./multiprocess-limits";
import * as outage from "./multiprocess-outage";

const COUNT = 1000;
const orgNos = orgsFor("multiprocess", COUNT);
const procs: mp.Proc[] = [];
let emulator: mp.Proc | undefined;
const relay = new PgRelay(mp.RELAY_PORT);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await mp.admin(`DROP DATABASE IF EXISTS ${mp.databaseName} WITH (FORCE)`);
  await mp.admin(`CREATE DATABASE ${mp.databaseName}`);
  await relay.listen();
  mp.options.viaRelay = true;
  mp.options.env = limits.ENV;
  emulator = mp.startEmulator();
  expect(await mp.healthy(`${mp.emulatorUrl}/emulator/health`, 30_000), "emulator").toBe(true);
  // All three at once: migrations and the first-start bootstrap run once (scripts/lib/migrate.ts).
  procs.push(mp.startPortal(0), mp.startPortal(1), mp.startPortal(2));
  for (const [n, p] of procs.entries())
    expect(await mp.healthy(`http://127.0.0.1:${mp.portalPort(n)}/api/health`, 180_000), mp.tail(p)).toBe(true);
  await mp.run("demo", ["scripts/demo.ts"], mp.portalEnv(0));
});

test.afterAll(async () => {
  for (const p of [...procs, emulator]) if (p) mp.signal(p, "SIGKILL");
  await Promise.all([...procs, emulator].map((p) => p?.exited));
  relay.close();
  await mp.admin(`DROP DATABASE IF EXISTS ${mp.databaseName} WITH (FORCE)`).catch(() => undefined);
});

test("the public rate limit and the hourly cap per system hold across three processes", async () => {
  const answers = await limits.startsRoundRobin();
  // One process alone would have let every start through its own limit and cap (3 of 9 each).
  expect(answers.map((a) => a.kind)).toEqual([
    ...Array<string>(limits.CAP).fill("confirm"),
    ...Array<string>(limits.RATE - limits.CAP).fill("capped"),
    ...Array<string>(limits.STARTS - limits.RATE).fill("limited"),
  ]);
  expect(answers.filter((a) => a.kind !== "confirm").every((a) => Number(a.retryAfter) > 0)).toBe(true);
  expect(await limits.createdAtAltinn(), "requests made at Altinn").toBe(limits.CAP);
});

test("PostgreSQL goes away during a bulk job and a status poll: the processes reconnect, the job completes, nothing is lost", async () => {
  test.setTimeout(300_000);
  // Requests to poll: a first job's, approved at Altinn, due for a check, read slowly (the poll takes a while).
  const polled = await outage.approvedRequestsDue();
  await outage.pollNow();
  const jobId = await outage.startSecondJob();
  await expect
    .poll(() => outage.progress(jobId, polled), { timeout: 60_000, intervals: [100] })
    .toMatchObject({
      started: true,
    });
  const before = await outage.progress(jobId, polled);
  await relay.down(mp.databaseName);
  const downAt = Date.now();
  // While it is down every process says so to the load balancer, and stays alive.
  for (const n of procs.keys()) expect(await outage.ready(n), `process ${n} ready while down`).toBe(503);
  await new Promise((r) => setTimeout(r, outage.DOWN_MS - (Date.now() - downAt)));
  await relay.up();
  await outage.clearFaults();
  expect(before.settled, "the job was running when the database went away").toBeLessThan(outage.SECOND);
  expect(before.accepted, "the poll was running when the database went away").toBeLessThan(polled.length);

  await expect
    .poll(() => Promise.all(procs.map((_, n) => outage.ready(n))), { timeout: 30_000, intervals: [500] })
    .toEqual([200, 200, 200]);
  await expect.poll(() => outage.finished(jobId), { timeout: 150_000, intervals: [1000] }).toBe(true);
  await expect
    .poll(async () => (await outage.progress(jobId, polled)).accepted, { timeout: 150_000, intervals: [1000] })
    .toBe(polled.length);
  expect(await outage.perCustomer(), "each customer of both jobs has one request, here and at Altinn").toEqual({
    customers: outage.FIRST + outage.SECOND,
    withOne: outage.FIRST + outage.SECOND,
    atAltinn: outage.FIRST + outage.SECOND,
  });
  // Calls made while the database was away were logged once it was back (lib/calls/log.ts holds them).
  await expect
    .poll(
      async () => {
        const calls = await outage.altinnCalls();
        return calls.logged - calls.answered;
      },
      { message: "calls Altinn answered that are missing from the call log (negative) or doubled", timeout: 10_000 },
    )
    .toBe(0);
  expect(
    procs.every((p) => p.child.exitCode === null && p.child.signalCode === null),
    "no process restarted",
  ).toBe(true);
});

test("a bulk job of 1,000 customers over three processes, one SIGKILLed half-way: one request per customer", async () => {
  test.setTimeout(240_000);
  const migrations = await mp.sql<{ n: number }>(
    "SELECT count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name HAVING count(*) > 1",
  );
  expect(migrations, "each migration applied once").toEqual([]);
  const atStart = (await mp.emulatorStats()).requests;
  const jobId = await mp.run(
    "bulk-job",
    ["e2e/multiprocess-cli.ts", String(firstOrgOf("multiprocess")), String(COUNT)],
    mp.portalEnv(0),
  );

  const settled = async () =>
    (
      await mp.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM bulk_rows WHERE "jobId" = $1 AND status IN ('done', 'failed')`,
        [jobId],
      )
    )[0]?.n ?? 0;
  await expect.poll(settled, { timeout: 120_000, intervals: [250] }).toBeGreaterThanOrEqual(COUNT / 2);

  // The victim: a process whose connections last ran the claim (pg reads PGAPPNAME; e2e/multiprocess.ts).
  const working = await mp.sql<{ app: string }>(
    `SELECT application_name AS app FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%leaseUntil%'
     GROUP BY 1 ORDER BY count(*) DESC`,
    [mp.databaseName],
  );
  const victim = Number(/portal-mp-(\d)/.exec(working[0]?.app ?? "")?.[1] ?? 0);
  const killed = procs[victim];
  if (!killed) throw new Error(`no process ${victim}`);
  mp.signal(killed, "SIGKILL");
  await killed.exited;
  const atKill = await settled();
  expect(atKill, "the job was not finished when the process died").toBeLessThan(COUNT);

  // The others finish it: pending rows at once, the dead process's leased rows once their lease ends.
  await expect
    .poll(
      async () =>
        (
          await mp.sql<{ done: boolean }>(`SELECT "finishedAt" IS NOT NULL AS done FROM bulk_jobs WHERE id = $1`, [
            jobId,
          ])
        )[0]?.done,
      { timeout: 180_000, intervals: [1000] },
    )
    .toBe(true);

  const rows = await mp.sql<{ status: string; n: number }>(
    `SELECT status::text, count(*)::int AS n FROM bulk_rows WHERE "jobId" = $1 GROUP BY 1`,
    [jobId],
  );
  const errors = await mp.sql(
    `SELECT "errorCode", count(*)::int AS n FROM bulk_rows WHERE "jobId" = $1 AND status <> 'done' GROUP BY 1`,
    [jobId],
  );
  expect(rows, JSON.stringify(errors)).toEqual([{ status: "done", n: COUNT }]);
  const perCustomer = await mp.sql<{ orgNo: string; n: number }>(
    `SELECT c."orgNo", count(r.id)::int AS n FROM customers c LEFT JOIN system_user_requests r ON r."customerId" = c.id
     WHERE c."orgNo" = ANY($1) GROUP BY 1`,
    [orgNos],
  );
  expect(perCustomer).toHaveLength(COUNT);
  expect(perCustomer.filter((c) => c.n !== 1)).toEqual([]);
  const distinct = await mp.sql<{ n: number }>(
    `SELECT count(DISTINCT r."altinnRequestId")::int AS n FROM system_user_requests r JOIN customers c ON c.id = r."customerId"
     WHERE c."orgNo" = ANY($1)`,
    [orgNos],
  );
  expect(distinct[0]?.n).toBe(COUNT);
  // The emulator counts every request made there: 1,000 more means one per customer, none doubled.
  expect((await mp.emulatorStats()).requests - atStart).toBe(COUNT);
});

test("SIGTERM: a request in flight gets its answer, new connections are refused, the process exits 0 in time", async () => {
  test.setTimeout(60_000);
  const n = procs.findIndex((p) => p.child.exitCode === null && p.child.signalCode === null);
  const proc = procs[n];
  if (!proc) throw new Error("no portal process left");
  const port = mp.portalPort(n);
  // In flight: the request's body arrives slowly, so the handler is still waiting for it at SIGTERM.
  let send = (_rest: string) => {};
  const answer = new Promise<number>((resolve, reject) => {
    const body = "csrfToken=x&email=nobody%40example.no&password=wrong-password";
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/auth/callback/credentials",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.write(body.slice(0, 10));
    send = () => req.end(body.slice(10));
  });
  await new Promise((r) => setTimeout(r, 500));
  const started = Date.now();
  mp.signal(proc, "SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  // The listener is closed: a new connection does not reach the app.
  const fresh = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(3000) }).then(
    (r) => r.status,
    () => "refused",
  );
  expect([503, "refused"]).toContain(fresh);
  send("");
  const status = await answer;
  expect(status, "the in-flight request's own answer, not a cut connection").toBeLessThan(500);
  expect(await proc.exited, mp.tail(proc)).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000 + 5_000);
});
