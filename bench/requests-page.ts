// npm run bench — the requests page must not slow down with volume: the data-layer call behind it
// (listRequestPage) is timed with 100 and then 100,000 requests in a fresh local PostgreSQL database,
// on the first page and on the deepest page (keyset cursor), and the ratio is printed.
import { createPostgresDatabase, postgresAnswers, startPglite } from "../test/databases";
import { startPortal } from "../test/portal";

const RUNS = 31;
const SMALL = 100;
const LARGE = 100_000;
const CUSTOMERS = 1000;

const usePostgres = await postgresAnswers();
if (!usePostgres) console.log("  (PostgreSQL on 127.0.0.1:5432 did not answer: measuring on embedded PGlite instead)");
const database = usePostgres ? await createPostgresDatabase() : await startPglite();
const portal = await startPortal(database.url);
try {
  const { listRequestPage } = await import("@/lib/requests/queries");
  const { encodeRequestCursor } = await import("@/lib/requests/list-schema");
  const { db } = portal;
  const actor = portal.actors.auditor;
  const env = portal.environmentId;
  const system = await db.system.create({
    data: {
      environmentId: env,
      systemId: "991825827_bench",
      name: { nb: "Bench", nn: "Bench", en: "Bench" },
      description: { nb: "", nn: "", en: "" },
      accessPackages: [],
      clientIds: [],
      redirectUrls: [],
    },
  });
  // Customers get ids derived from their number, so requests can name them without a join.
  await db.$executeRawUnsafe(
    `INSERT INTO customers (id, "environmentId", "orgNo", "externalRef") SELECT md5('c' || i)::uuid, '${env}'::uuid, (300000000 + i)::text, 'bench_' || i FROM generate_series(0, ${CUSTOMERS - 1}) i`,
  );
  const seed = (from: number, to: number) =>
    db.$executeRawUnsafe(
      `INSERT INTO system_user_requests (id, "systemId", "customerId", "altinnRequestId", "externalRef", status, "confirmUrl", "accessPackages", "createdVia", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), '${system.id}'::uuid, md5('c' || (i % ${CUSTOMERS}))::uuid, gen_random_uuid()::text, 'bench_' || (i % ${CUSTOMERS}),
       (ARRAY['New', 'Accepted', 'Rejected'])[1 + i % 3]::"RequestStatus", 'https://am.ui.tt02.altinn.no/confirm', '{}', 'bench',
       now() - make_interval(secs => i), now()
     FROM generate_series(${from}, ${to}) i`,
    );

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  async function time(filter: Record<string, string>): Promise<number> {
    for (let i = 0; i < 10; i++)
      await listRequestPage(portal.scope(actor, await portal.m.environments.loadEnvironmentById(env)), filter);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const page = await listRequestPage(
        portal.scope(actor, await portal.m.environments.loadEnvironmentById(env)),
        filter,
      );
      samples.push(performance.now() - started);
      if (page.requests.length === 0) throw new Error(`empty page for ${JSON.stringify(filter)}`);
    }
    return median(samples);
  }
  async function measure(total: number) {
    await db.$executeRawUnsafe("ANALYZE");
    // The deepest page: the cursor just before the last 50 rows.
    const [deep] = await db.$queryRawUnsafe<{ id: string; createdAt: Date }[]>(
      `SELECT id, "createdAt" FROM system_user_requests ORDER BY "createdAt" DESC, id DESC OFFSET ${total - 51} LIMIT 1`,
    );
    if (!deep) throw new Error("no rows");
    const [deepNew] = await db.$queryRawUnsafe<{ id: string; createdAt: Date }[]>(
      `SELECT id, "createdAt" FROM system_user_requests WHERE status = 'New' ORDER BY "createdAt" DESC, id DESC OFFSET ${Math.floor(total / 3) - 20} LIMIT 1`,
    );
    const result = {
      first: await time({}),
      deep: await time({ cursor: encodeRequestCursor(deep) }),
      status: await time({ status: "New", ...(deepNew ? { cursor: encodeRequestCursor(deepNew) } : {}) }),
      org: await time({ q: "300000007" }),
    };
    return { ...result, page: (result.first + result.deep) / 2 };
  }

  await seed(1, SMALL);
  // Warm up Prisma's query compiler and the pool, so the first measurement is not the slowest.
  for (let i = 0; i < 50; i++)
    await listRequestPage(portal.scope(actor, await portal.m.environments.loadEnvironmentById(env)), {});
  const small = await measure(SMALL);
  await seed(SMALL + 1, LARGE);
  const large = await measure(LARGE);
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(`requests page 100k / 100: ${(large.page / small.page).toFixed(2)}`);
  for (const k of ["first", "deep", "status", "org"] as const) {
    console.log(
      `  ${k.padEnd(6)} page: ${ms(small[k])} with ${SMALL}, ${ms(large[k])} with ${LARGE} (median of ${RUNS})`,
    );
  }
} finally {
  await portal.stop();
  await database.stop();
}
