// npm run bench — the audit page must not slow down as the log grows: its first filtered page and the chain
// check beside it (searchAuditEvents and auditChainStatus, in parallel as app/(portal)/audit/page.tsx runs
// them) are timed with 1,000 events and then with 1,000,000, in a fresh database on the local PostgreSQL,
// for four filters (actor, action, org number, the last week; median of RUNS each), and the ratio of the
// totals is printed. The log is as a portal would have it: three chains (70 % this environment's, 20 %
// another's, 10 % the installation's), every hash the portal's own (scheme 2), a checkpoint every 1000
// events (the newest made by the real checkpointChain, which walks and checks the events since the one
// before), then TAIL events not yet signed: what a page view walks in steady state (ADR 020).
import { randomUUID } from "node:crypto";
import { createPostgresDatabase, postgresAnswers } from "../test/databases";
import { startPortal } from "../test/portal";
import { seedBareEnvironment } from "../test/seed";
import { auditEventRows, insertAuditRows, signSeedCheckpoint, type ChainHead } from "./audit-seed";

const SMALL = 1000;
// A smaller LARGE for a quick try: npx tsx --conditions=react-server bench/audit-page.ts 20000
const LARGE = Number(process.argv[2] ?? 1_000_000);
const LABEL = `audit page ${LARGE === 1_000_000 ? "1M" : LARGE} / 1k`;
const TAIL = 500;
const STEP = 1000;
const RUNS = 21;

if (!(await postgresAnswers())) {
  console.log(`${LABEL}: skipped (PostgreSQL on 127.0.0.1:5432 did not answer; a million rows need it)`);
  process.exit(0);
}
const database = await createPostgresDatabase();
const portal = await startPortal(database.url);
try {
  const { db, getPool } = await import("@/lib/core/db");
  const { searchAuditEvents } = await import("@/lib/audit/search");
  const { auditChainStatus } = await import("@/lib/audit/status");
  const { checkpointChain } = await import("@/lib/audit/checkpoints");
  const { parseAuditFilter } = await import("@/lib/audit/search-schema");
  const { isValidOrgNo } = await import("@/lib/core/orgno");
  const a = portal.environmentId;
  const b = (await seedBareEnvironment(portal, "bench-audit")).id;
  const chains = [a, b, "installation"];
  // Where each chain ends now (the portal's start recorded users and a key): the seed carries on from there.
  const heads = new Map<string, ChainHead>();
  for (const chain of chains) {
    const last = await db.auditEvent.findFirst({ where: { chain }, orderBy: { chainSeq: "desc" } });
    heads.set(chain, { chainSeq: last?.chainSeq ?? 0n, hash: last?.hash ?? "0".repeat(64) });
  }
  const orgs: string[] = [];
  for (let n = 310000000; orgs.length < 50; n++) if (isValidOrgNo(String(n))) orgs.push(String(n));
  const people = {
    users: Array.from({ length: 17 }, () => randomUUID()),
    keys: Array.from({ length: 5 }, () => randomUUID()),
    orgs,
  };
  // One event every 30 s, ending about now when the million is in.
  const start = Date.now() - (LARGE + 2 * TAIL) * 30_000;
  let written = 0;
  const seed = async (count: number) => {
    // One batch in the database while the next is hashed here.
    let inserting: Promise<void> = Promise.resolve();
    for (let from = written; from < written + count; from += 10_000) {
      const to = Math.min(written + count, from + 10_000);
      const rows = auditEventRows({ from, to, start, chains, heads, people });
      await inserting;
      inserting = insertAuditRows(getPool(), rows);
      await new Promise(setImmediate); // let the INSERT leave before the next batch takes the CPU
      if (count > 10_000) process.stdout.write(`\r  ${to} events`);
    }
    await inserting;
    written += count;
    if (count > 10_000) process.stdout.write("\n");
  };
  /**
   * The log grown to `total` events as it would be in steady state: a checkpoint signed for the seed, the
   * real checkpointChain 1000 events later (it walks and checks them), then TAIL events it has not signed.
   */
  const grow = async (total: number) => {
    const t0 = performance.now();
    const bulk = total - TAIL - STEP - written;
    if (bulk > 0) {
      await seed(bulk);
      for (const chain of chains) await signSeedCheckpoint(chain, heads.get(chain) ?? { chainSeq: 0n, hash: "" });
    }
    await seed(total - TAIL - written);
    for (const chain of chains) {
      const made = await checkpointChain(chain, { force: true });
      if (!made.made) throw new Error(`chain ${chain} was not signed: ${made.reason}`);
    }
    await seed(TAIL);
    await db.$executeRawUnsafe("ANALYZE audit_events");
    return (performance.now() - t0) / 1000;
  };

  const scope = portal.scope(portal.actors.auditor);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const filters = (): [string, Record<string, string>][] => {
    const newest = start + written * 30_000;
    return [
      ["actor", { actor: people.users[3] ?? "" }],
      ["action", { action: "customer.update" }],
      ["org number", { org: orgs[1] ?? "" }],
      ["last week", { from: day(newest - 6 * 86_400_000), to: day(newest) }],
    ];
  };
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  /** Per filter: the median page view (search and chain check together) and what it found. */
  async function measure() {
    const out: { name: string; ms: number; rows: number; checked: number }[] = [];
    for (const [name, raw] of filters()) {
      const parsed = parseAuditFilter(raw);
      if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.errors)}`);
      const view = () => Promise.all([searchAuditEvents(scope, parsed.filter), auditChainStatus(scope)]);
      for (let i = 0; i < 3; i++) await view();
      const samples: number[] = [];
      let last: Awaited<ReturnType<typeof view>> | undefined;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        last = await view();
        samples.push(performance.now() - t0);
      }
      if (!last?.[1].ok) throw new Error(`the chain check failed: ${JSON.stringify(last?.[1])}`);
      const checked = last[1].chains.reduce((n, c) => n + c.checked, 0);
      out.push({ name, ms: median(samples), rows: last[0].events.length, checked });
    }
    return out;
  }
  const total = (r: { ms: number }[]) => r.reduce((n, x) => n + x.ms, 0);

  const smallSeed = await grow(SMALL);
  // Warm up Prisma's query compiler and the pool, so the first measurement is not the slowest.
  await measure();
  const small = await measure();
  const largeSeed = await grow(LARGE);
  const large = await measure();
  console.log(`${LABEL}: ${(total(large) / total(small)).toFixed(2)}`);
  for (const [n, r, secs] of [
    [SMALL, small, smallSeed],
    [LARGE, large, largeSeed],
  ] as const) {
    const each = r.map((x) => `${x.name} ${x.ms.toFixed(1)} (${x.rows} rows)`).join(", ");
    console.log(
      `  ${String(n).padStart(7)} events: ${total(r).toFixed(1)} ms for the ${r.length} filters (median of ${RUNS} each; ` +
        `${r[0]?.checked} events walked after the checkpoints; seeded and signed in ${secs.toFixed(0)} s): ${each}`,
    );
  }
} finally {
  await portal.stop();
  await database.stop();
}
