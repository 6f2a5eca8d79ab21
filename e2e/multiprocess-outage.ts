// The database outage of e2e/multiprocess.spec.ts: a first bulk job's requests, approved at Altinn and due
// for a status check, are being polled while a second bulk job runs, when PostgreSQL goes away
// (e2e/pg-proxy.ts). Afterwards every customer of both jobs must have one request, here and at Altinn,
// and every approval must have been read.
import { expect } from "@playwright/test";
import { orgNumbers } from "../test/org-numbers";
import { controlAt } from "./emulator";
import * as mp from "./multiprocess";
import { firstOrgOf } from "./orgs";

export const FIRST = 200;
export const SECOND = 300;
/** How long the database is away: longer than a pool's connect attempt, short of a lease (60 s). */
export const DOWN_MS = 6_000;

const firstOrgs = orgNumbers(FIRST, firstOrgOf("multiprocess-outage"));
const secondOrgs = orgNumbers(SECOND, firstOrgOf("multiprocess-outage") + 500_000);
const REQUESTS = "/authentication/api/v1/systemuser/request/vendor";
let atStart = 0;

const bulkJob = (orgs: number, count: number) =>
  mp.run("bulk-job", ["e2e/multiprocess-cli.ts", String(orgs), String(count)], mp.portalEnv(0));

export async function finished(jobId: string): Promise<boolean> {
  const [job] = await mp.sql<{ done: boolean }>(
    `SELECT "finishedAt" IS NOT NULL AS done FROM bulk_jobs WHERE id = $1`,
    [jobId],
  );
  return job?.done ?? false;
}

const fault = (path: string, latencyMs: number) =>
  controlAt(mp.emulatorUrl, "POST", "/emulator/faults", { path, latencyMs });

/** The first job, run to its end; its requests approved at Altinn, read slowly from now, and due. Their ids. */
export async function approvedRequestsDue(): Promise<string[]> {
  atStart = (await mp.emulatorStats()).requests;
  const jobId = await bulkJob(firstOrgOf("multiprocess-outage"), FIRST);
  await expect.poll(() => finished(jobId), { timeout: 120_000, intervals: [500] }).toBe(true);
  const rows = await mp.sql<{ id: string; altinnRequestId: string }>(
    `SELECT r.id, r."altinnRequestId" FROM system_user_requests r JOIN customers c ON c.id = r."customerId"
     WHERE c."orgNo" = ANY($1) AND r.status = 'New'`,
    [firstOrgs],
  );
  expect(rows).toHaveLength(FIRST);
  for (let i = 0; i < rows.length; i += 20)
    await Promise.all(
      rows
        .slice(i, i + 20)
        .map((r) => controlAt(mp.emulatorUrl, "POST", `/emulator/requests/${r.altinnRequestId}/approve`)),
    );
  // Reading a request's status takes 600 ms (4 at a time per poll: 30 s for all, so the poll outlasts the
  // second job's start on a slow machine), creating one 500 ms: both are under way when the database goes away.
  // The latency ends with the outage, so what is left afterwards is read at once.
  await fault(`${REQUESTS}/`, 600);
  await fault(REQUESTS, 500);
  const ids = rows.map((r) => r.id);
  await mp.sql(`UPDATE system_user_requests SET "nextCheckAt" = now() WHERE id = ANY($1::uuid[])`, [ids]);
  return ids;
}

/** Asks the processes to poll now rather than at the next minute. */
export const pollNow = () => mp.run("kick", ["e2e/multiprocess-cli.ts", "kick", "requests-poll"], mp.portalEnv(0));

export const startSecondJob = () => bulkJob(firstOrgOf("multiprocess-outage") + 500_000, SECOND);

export async function progress(jobId: string, polled: string[]) {
  const [row] = await mp.sql<{ settled: number; accepted: number }>(
    `SELECT (SELECT count(*)::int FROM bulk_rows WHERE "jobId" = $1 AND status IN ('done', 'failed')) AS settled,
            (SELECT count(*)::int FROM system_user_requests WHERE id = ANY($2::uuid[]) AND status = 'Accepted') AS accepted`,
    [jobId, polled],
  );
  const settled = row?.settled ?? 0;
  const accepted = row?.accepted ?? 0;
  return { settled, accepted, started: settled >= 20 && accepted >= 1 };
}

/** The readiness answer of process n (0: no answer at all). */
export const ready = (n: number) =>
  fetch(`http://127.0.0.1:${mp.portalPort(n)}/api/health/ready`, { signal: AbortSignal.timeout(5000) }).then(
    (r) => r.status,
    () => 0,
  );

/** Customers of both jobs, those with exactly one request, and requests made at Altinn since the start. */
export async function perCustomer() {
  const rows = await mp.sql<{ n: number }>(
    `SELECT count(r.id)::int AS n FROM customers c LEFT JOIN system_user_requests r ON r."customerId" = c.id
     WHERE c."orgNo" = ANY($1) GROUP BY c.id`,
    [[...firstOrgs, ...secondOrgs]],
  );
  return {
    customers: rows.length,
    withOne: rows.filter((r) => r.n === 1).length,
    atAltinn: (await mp.emulatorStats()).requests - atStart,
  };
}

/** The latency is for the outage only. */
export async function clearFaults(): Promise<void> {
  await controlAt(mp.emulatorUrl, "DELETE", "/emulator/faults");
}

/** Calls to Altinn's authentication API: answered by the emulator, and in our call log. */
export async function altinnCalls(): Promise<{ answered: number; logged: number }> {
  const stats = (await controlAt(mp.emulatorUrl, "GET", "/emulator/stats")) as {
    calls: Record<string, Record<string, number>>;
  };
  const answered = Object.entries(stats.calls)
    .filter(([route]) => / \/authentication\//.test(route))
    .flatMap(([, byStatus]) => Object.values(byStatus))
    .reduce((a, b) => a + b, 0);
  const [row] = await mp.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbound_calls WHERE path LIKE '/authentication/%' AND status IS NOT NULL`,
  );
  return { answered, logged: row?.n ?? 0 };
}
