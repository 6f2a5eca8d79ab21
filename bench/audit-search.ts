// npx tsx --conditions=react-server bench/audit-search.ts [events]   (default 1,000,000; PostgreSQL at 127.0.0.1:5432)
// The audit page's first filtered page must stay fast on a long log: a fresh database gets a million events
// (three chains, realistic skew), then each filter's first page is timed (median of 7) and EXPLAINed, and the
// export of one filter is streamed to the end while the process's memory is watched. Plans go to
// /tmp/audit-search-explain.txt.
import { writeFileSync } from "node:fs";
import { createPostgresDatabase } from "../test/databases";
import { startPortal } from "../test/portal";
import { seedEnvironment } from "../test/seed";

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const RUNS = 7;
const ACTIONS = [
  ...["request.status", "request.status", "request.status", "request.create", "request.create", "request.delete"],
  ...["token.diagnose", "token.diagnose", "systemuser.link", "customer.create", "customer.update"],
  ...["auth.signin.success", "auth.signin.success", "apikey.use", "apikey.use", "apikey.use", "webhook.test"],
  ...["bulk.requests", "reconciliation.run", "system.register", "environment.update", "user.create", "key.generate"],
];

/** A version-4 UUID made from a text (ids of people and keys are v4, and the filter checks). */
const v4 = (text: string) =>
  `(substr(md5(${text}), 1, 12) || '4' || substr(md5(${text}), 14, 3) || '8' || substr(md5(${text}), 18, 15))::uuid::text`;

const database = await createPostgresDatabase();
const portal = await startPortal(database.url);
try {
  const { db } = portal;
  const { Prisma } = await import("@/lib/generated/prisma/client");
  const search = await import("@/lib/audit/search");
  const { parseAuditFilter } = await import("@/lib/audit/search-schema");
  const { auditFilterOptions } = await import("@/lib/audit/search-options");
  const { exportAuditLog } = await import("@/lib/audit/export");
  const { isValidOrgNo } = await import("@/lib/core/orgno");
  const a = portal.environment;
  const { environment: b } = await seedEnvironment(portal, "bench-b");
  const started = performance.now();
  /** Events i in [from, to], one every 30 s from 2025-01-01, in the chain and with the action SQL names. */
  const insert = (from: number, to: number, chain: string, action: string) =>
    db.$executeRawUnsafe(`
      INSERT INTO audit_events (chain, "chainSeq", at, "actorType", "actorId", "actorLabel", action, "targetType",
        "targetId", outcome, detail, "environmentId", "orgNumber", "systemId", "prevHash", hash)
      SELECT g.chain, 10000000 + i, timestamptz '2025-01-01' + i * interval '30 seconds',
        (CASE WHEN i % 20 < 12 THEN 'user' WHEN i % 20 < 18 THEN 'api_key' WHEN i % 20 < 19 THEN 'customer' ELSE 'system' END)::"ActorType",
        CASE WHEN i % 20 < 12 THEN ${v4("'u' || (i % 17)")} WHEN i % 20 < 18 THEN ${v4("'k' || (i % 5)")} END,
        'bench', g.action,
        CASE split_part(g.action, '.', 1) WHEN 'request' THEN 'system_user_request' WHEN 'token' THEN 'customer'
          WHEN 'auth' THEN 'user' ELSE split_part(g.action, '.', 1) END,
        md5('t' || (i % 50000))::uuid::text,
        (CASE WHEN (i * 13) % 20 = 0 THEN 'failure' ELSE 'success' END)::"AuditOutcome",
        jsonb_build_object('step', i), CASE WHEN g.chain = 'installation' THEN NULL ELSE g.chain::uuid END,
        CASE WHEN i % 5 < 3 THEN (300000000 + (i * 31) % 50000)::text END,
        CASE WHEN i % 2 = 0 THEN '991825827_sys' || (i % 20) END,
        md5(i::text) || md5((i + 1)::text), md5('h' || i) || md5('x' || i)
      FROM (SELECT i, ${chain} AS chain, ${action} AS action FROM generate_series(${from}::bigint, ${to}::bigint) i) g`);
  // 70 % in this environment's chain, 20 % in another's, 10 % the installation's.
  const chainOfI = `CASE WHEN i % 10 < 7 THEN '${a.id}' WHEN i % 10 < 9 THEN '${b.id}' ELSE 'installation' END`;
  const actionOfI = `CASE WHEN i % 100000 = 7 THEN 'master_key.reseal'
    ELSE (ARRAY['${ACTIONS.join("','")}'])[(1 + (i * 7919) % ${ACTIONS.length})::int] END`;
  for (let from = 0; from < TOTAL; from += 100_000) {
    const to = Math.min(TOTAL, from + 100_000) - 1;
    await insert(from, to, chainOfI, actionOfI);
    process.stdout.write(`\r  inserted ${to + 1} events`);
  }
  // The skewed case: an action with 100,000 events in the other environment and one in this one.
  await insert(TOTAL, TOTAL + 99_999, `'${b.id}'`, "'bulk.row'");
  await insert(TOTAL + 100_000, TOTAL + 100_000, `'${a.id}'`, "'bulk.row'");
  await db.$executeRawUnsafe("ANALYZE audit_events");
  console.log(` in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const orgs = await db.$queryRaw<
    { o: string }[]
  >`SELECT DISTINCT "orgNumber" AS o FROM audit_events WHERE "orgNumber" IS NOT NULL LIMIT 200`;
  const org = orgs.map((r) => r.o).find(isValidOrgNo) ?? "";
  const [mid] = await db.$queryRaw<
    { s: bigint }[]
  >`SELECT seq AS s FROM audit_events ORDER BY seq OFFSET ${Math.floor(TOTAL / 2)} LIMIT 1`;
  const user = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT ${v4("'u3'")} AS id`))[0]?.id ?? "";
  const key = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT ${v4("'k2'")} AS id`))[0]?.id ?? "";
  const cases: [string, Record<string, string>][] = [
    ["no filter", {}],
    ["actor (user)", { actor: user }],
    ["actor (api key)", { actor: key }],
    ["action exact", { action: "customer.update" }],
    ["action rare", { action: "master_key.reseal" }],
    ["action group", { action: "request." }],
    ["target type", { targetType: "system_user_request" }],
    ["target type rare", { targetType: "master_key" }],
    ["target type+id", { targetType: "customer", targetId: "" }],
    ["customer", { org }],
    ["action mostly in env B", { action: "bulk.row" }],
    ["system", { system: "991825827_sys4" }],
    ["outcome failure", { outcome: "failure" }],
    ["a week, months ago", { from: "2025-03-01", to: "2025-03-07" }],
    ["customer+failure", { org, outcome: "failure" }],
    ["group+failure+days", { action: "request.", outcome: "failure", from: "2025-02-01", to: "2025-02-28" }],
    ["deep page", { before: String(mid?.s ?? 1n) }],
  ];
  const tid = await db.$queryRaw<{ t: string }[]>`SELECT md5('t123')::uuid::text AS t`;
  (cases[8] as [string, Record<string, string>])[1].targetId = tid[0]?.t ?? "";

  const scope = portal.scope(portal.actors.auditor);
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  const plans: string[] = [];
  console.log(`${"filter".padEnd(22)} ${"rows".padStart(4)} ${"page ms".padStart(8)} ${"sql ms".padStart(7)}  indexes`);
  for (const [name, raw] of cases) {
    const parsed = parseAuditFilter(raw);
    if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
    const samples: number[] = [];
    let rows = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      rows = (await search.searchAuditEvents(scope, parsed.filter)).events.length;
      samples.push(performance.now() - t0);
    }
    const plan = await search.planSearch(a.id, parsed.filter);
    let sqlMs = "-";
    let indexes = "(nothing can match)";
    if (plan) {
      const before = parsed.filter.before ? BigInt(parsed.filter.before) : undefined;
      const sql = search.sliceSql(plan, { order: "desc", below: before, limit: 51 });
      const out = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
      const text = out.map((l) => l["QUERY PLAN"]).join("\n");
      plans.push(`== ${name} ${JSON.stringify(raw)}\n${text}\n`);
      sqlMs = text.match(/Execution Time: ([\d.]+)/)?.[1] ?? "?";
      indexes = [
        ...new Set([...text.matchAll(/Index (?:Only )?Scan(?: Backward)? using "?(\w+)"?/g)].map((m) => m[1])),
      ].join(", ");
    }
    console.log(
      `${name.padEnd(22)} ${String(rows).padStart(4)} ${median(samples).toFixed(1).padStart(8)} ${sqlMs.padStart(7)}  ${indexes}`,
    );
  }
  writeFileSync("/tmp/audit-search-explain.txt", plans.join("\n"));

  const t1 = performance.now();
  const options = await auditFilterOptions(scope);
  console.log(
    `filter options (loose index scans): ${(performance.now() - t1).toFixed(1)} ms, ${options.actions.length} actions, ${options.targetTypes.length} target types`,
  );

  for (const [format, filter] of [
    ["csv", { outcome: "failure" }],
    ["jsonl", {}],
  ] as const) {
    const t2 = performance.now();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const file = await exportAuditLog(scope, filter, format);
    const reader = file.body.getReader();
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) lines++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const secs = (performance.now() - t2) / 1000;
    console.log(
      `export ${format} ${JSON.stringify(filter)}: ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(1)} s, rss +${((peak - rss0) / 1e6).toFixed(0)} MB at most`,
    );
  }
} finally {
  await portal.stop();
  await database.stop();
}
