// npm run bench — the dashboard must not slow down with volume: its data-layer call (getDashboard: funnel, time
// to approval, expiring requests, call statistics, checklist and alerts) is timed with 100 and then 100,000
// requests (and 3 logged calls per request), in a fresh local PostgreSQL database, and the ratio is printed.
// Requests and calls are spread over the last 100 days, as a vendor onboarding 1,000 customers a day would
// have them: the 30-day funnel then covers 30,000 requests, the 12-week approval chart 48,000 approvals, the last 24
// hours 3,000 calls (calls evenly spaced, so the small run has 3 of them too).
import { createPostgresDatabase, postgresAnswers, startPglite } from "../test/databases";
import { startPortal } from "../test/portal";

const RUNS = 31;
const SMALL = 100;
const LARGE = 100_000;
const CALLS_PER_REQUEST = 3;
const SYSTEMS = 5;
const CUSTOMERS = 1000;
const DAYS = 100;

const usePostgres = await postgresAnswers();
if (!usePostgres) console.log("  (PostgreSQL on 127.0.0.1:5432 did not answer: measuring on embedded PGlite instead)");
const database = usePostgres ? await createPostgresDatabase() : await startPglite();
const portal = await startPortal(database.url);
try {
  const { getDashboard } = await import("@/lib/dashboard/queries");
  const { db } = portal;
  const env = portal.environmentId;
  for (let s = 0; s < SYSTEMS; s++) {
    await db.$executeRawUnsafe(
      `INSERT INTO systems (id, "environmentId", "systemId", name, description, "accessPackages", "clientIds", "redirectUrls", "updatedAt")
       VALUES (md5('s' || ${s})::uuid, '${env}'::uuid, '991825827_bench${s}', '{"nb":"Bench","nn":"Bench","en":"Bench"}',
         '{"nb":"","nn":"","en":""}', '{}', '{}', '{}', now())`,
    );
  }
  await db.$executeRawUnsafe(
    `INSERT INTO customers (id, "environmentId", "orgNo", "externalRef") SELECT md5('c' || i)::uuid, '${env}'::uuid, (300000000 + i)::text, 'bench_' || i FROM generate_series(0, ${CUSTOMERS - 1}) i`,
  );
  // Each request's age is uniform over DAYS; older than Altinn's 28 days it has an answer (or expired), younger
  // half still wait. Accepted ones were accepted up to five days after creation (most within hours).
  const seed = (from: number, to: number) =>
    db.$executeRawUnsafe(
      `WITH g AS (SELECT i, random() * ${DAYS} AS age, random() AS r, random() AS d FROM generate_series(${from}, ${to}) i),
       s AS (SELECT i, age, d, (now() AT TIME ZONE 'UTC') - age * interval '1 day' AS created,
         CASE WHEN age < 28 THEN (CASE WHEN r < 0.5 THEN 'New' WHEN r < 0.85 THEN 'Accepted' ELSE 'Rejected' END)
           ELSE (CASE WHEN r < 0.7 THEN 'Accepted' WHEN r < 0.85 THEN 'Rejected' ELSE 'Timedout' END) END AS status FROM g)
       INSERT INTO system_user_requests (id, "systemId", "customerId", "altinnRequestId", "externalRef", status, "confirmUrl",
         "accessPackages", "createdVia", "createdAt", "updatedAt", "acceptedAt")
       SELECT gen_random_uuid(), md5('s' || (i % ${SYSTEMS}))::uuid, md5('c' || (i % ${CUSTOMERS}))::uuid, gen_random_uuid()::text,
         'bench_' || (i % ${CUSTOMERS}), status::"RequestStatus", 'https://am.ui.tt02.altinn.no/confirm', '{}', 'bench', created, now(),
         CASE WHEN status = 'Accepted' THEN created + least(age, 5 * power(d, 3)) * interval '1 day' END
       FROM s`,
    );
  const seedCalls = (count: number) =>
    db.$executeRawUnsafe(
      `INSERT INTO outbound_calls (at, "environmentId", service, method, path, status, "durationMs", "correlationId", "triggeredBy")
       SELECT now() - (i - 0.5) / ${count} * interval '${DAYS} days', '${env}'::uuid, e.service::"OutboundService", e.method,
         replace(e.path, '{id}', gen_random_uuid()::text), CASE WHEN random() < 0.05 THEN 500 ELSE 200 END,
         (20 + random() * 480)::integer, gen_random_uuid(), 'bench'
       FROM generate_series(1, ${count}) i
       JOIN (VALUES (0, 'maskinporten', 'POST', '/token'),
         (1, 'altinn', 'POST', '/authentication/api/v1/systemuser/request/vendor'),
         (2, 'altinn', 'GET', '/authentication/api/v1/systemuser/request/vendor/{id}'),
         (3, 'altinn', 'GET', '/authentication/api/v1/systemuser/vendor/byquery?systemId={id}'),
         (4, 'altinn', 'DELETE', '/authentication/api/v1/systemuser/request/vendor/{id}'),
         (5, 'altinn', 'GET', '/authentication/api/v1/systemregister/vendor/{id}')) AS e(k, service, method, path)
       ON e.k = i % 6`,
    );

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const scope = async () => portal.scope(portal.actors.auditor, await portal.m.environments.loadEnvironmentById(env));
  // Each part alone too (median of RUNS), to see which one grows.
  const parts = {
    funnel: (await import("@/lib/dashboard/funnel")).onboardingFunnel,
    approval: (await import("@/lib/dashboard/approval")).approvalTimes,
    calls: (await import("@/lib/dashboard/calls")).callStats,
    expiring: (await import("@/lib/dashboard/attention")).expiringRequests,
    checklist: (await import("@/lib/dashboard/attention")).checklist,
  };
  async function timeParts() {
    const out: Record<string, number> = {};
    for (const [name, fn] of Object.entries(parts)) {
      const s = await scope();
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await fn(s);
        samples.push(performance.now() - started);
      }
      out[name] = median(samples);
    }
    return out;
  }
  async function measure() {
    await db.$executeRawUnsafe("ANALYZE");
    for (let i = 0; i < 10; i++) await getDashboard(await scope());
    const samples: number[] = [];
    let last: Awaited<ReturnType<typeof getDashboard>> | undefined;
    for (let i = 0; i < RUNS; i++) {
      const s = await scope();
      const started = performance.now();
      last = await getDashboard(s);
      samples.push(performance.now() - started);
    }
    if (!last || last.funnel.length === 0) throw new Error("the dashboard found nothing");
    const requests = last.funnel.reduce((n, f) => n + f.created, 0);
    const approved = last.approval.reduce((n, w) => n + w.approved, 0);
    const calls = last.calls.reduce((n, c) => n + c.calls, 0);
    return {
      ms: median(samples),
      requests,
      approved,
      calls,
      expiring: last.expiring.requests.length,
      parts: await timeParts(),
    };
  }

  await seed(1, SMALL);
  await seedCalls(SMALL * CALLS_PER_REQUEST);
  // Warm up Prisma's query compiler and the pool, so the first measurement is not the slowest.
  for (let i = 0; i < 50; i++) await getDashboard(await scope());
  const small = await measure();
  await seed(SMALL + 1, LARGE);
  await seedCalls((LARGE - SMALL) * CALLS_PER_REQUEST);
  const large = await measure();
  const [rollup] = await db.$queryRawUnsafe<{ days: number; weeks: number; hours: number }[]>(
    `SELECT (SELECT count(*)::integer FROM request_day_counts) AS days, (SELECT count(*)::integer FROM request_approval_weeks) AS weeks,
       (SELECT count(*)::integer FROM outbound_call_hours) AS hours`,
  );
  console.log(`dashboard 100k / 100: ${(large.ms / small.ms).toFixed(2)}`);
  for (const [n, r] of [
    [SMALL, small],
    [LARGE, large],
  ] as const) {
    console.log(
      `  ${String(n).padStart(6)} requests: ${r.ms.toFixed(2)} ms (median of ${RUNS}); shown: ${r.requests} in the funnel, ` +
        `${r.approved} approvals in 12 weeks, ${r.calls} calls in 24 h, ${r.expiring} expiring`,
    );
  }
  const each = Object.keys(parts).map((k) => `${k} ${small.parts[k]?.toFixed(2)} → ${large.parts[k]?.toFixed(2)}`);
  console.log(`  each part alone, ms: ${each.join(", ")}`);
  console.log(
    `  rollup rows: ${rollup?.days} request days, ${rollup?.weeks} approval weeks, ${rollup?.hours} call hours`,
  );
} finally {
  await portal.stop();
  await database.stop();
}
