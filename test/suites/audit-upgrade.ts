import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { GENESIS, hashEventV1, INSTALLATION_CHAIN } from "@/lib/audit/chain";
import { migrateDeploy } from "@/scripts/lib/migrate";
import type { PortalRef } from "../flow-suite";
import { createPostgresDatabase, startPglite, type TestDatabase } from "../databases";
import { runScript } from "../run-script";

// ADR 020's one-off upgrade: a database whose events were hashed under scheme 1 (one chain over
// everything, before migration 0020 numbered them per environment) meets a portal process that starts
// (lib/audit/upgrade.ts, from instrumentation.ts). The upgrade reads and rewrites the whole table, so it
// runs on a database of its own (same engine as the suite's), in a child process as a portal start would.
export function auditUpgradeTests(_ref: PortalRef) {
  const opened: { database: TestDatabase; db: PrismaClient; pool: pg.Pool }[] = [];
  afterEach(async () => {
    for (const { database, db, pool } of opened.splice(0)) {
      await db.$disconnect();
      await pool.end();
      await database.stop();
    }
  });

  const envX = randomUUID();
  const envY = randomUUID();
  // What migration 0020 found: events of two environments and of none, interleaved.
  const LEGACY = [
    { env: envX, action: "system.register", target: ["system", "991825827_legacy"], detail: { name: "Legacy" } },
    { env: null, action: "user.create", target: ["user", randomUUID()], detail: null },
    {
      env: envX,
      action: "request.create",
      target: ["system_user_request", randomUUID()],
      detail: { orgNo: "310000018" },
    },
    { env: envY, action: "customer.create", target: ["customer", randomUUID()], detail: { orgNo: "310000026" } },
    { env: envX, action: "request.status", target: ["system_user_request", randomUUID()], detail: { to: "Accepted" } },
    { env: null, action: "auth.signin.success", target: ["user", randomUUID()], detail: { nested: { b: 1, a: [2] } } },
    { env: envY, action: "key.generate", target: ["key", "kid-1"], detail: null },
  ] as const;

  /** A migrated database holding LEGACY as scheme 1 left it, with audit.chainVersion = 1 (migration 0020). */
  async function legacyDatabase() {
    const embedded = process.env.DATABASE_URL?.includes("application_name=portal-embedded");
    const database = embedded ? await startPglite() : await createPostgresDatabase();
    await migrateDeploy(database.url);
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    const db = new PrismaClient({ adapter: new PrismaPg(pool) });
    opened.push({ database, db, pool });
    let prevHash = GENESIS;
    const seqs = new Map<string, bigint>();
    for (const [i, e] of LEGACY.entries()) {
      const chain = e.env ?? INSTALLATION_CHAIN;
      const chainSeq = (seqs.get(chain) ?? 0n) + 1n;
      seqs.set(chain, chainSeq);
      const facts = {
        at: new Date(Date.UTC(2026, 0, 5, 9, i)),
        actorType: "system" as const,
        actorId: null,
        actorLabel: "legacy",
        action: e.action,
        targetType: e.target[0],
        targetId: e.target[1],
        outcome: "success" as const,
        detail: e.detail,
        environmentId: e.env,
      };
      const hash = hashEventV1(prevHash, facts);
      await db.auditEvent.create({
        data: { ...facts, detail: facts.detail ?? undefined, chain, chainSeq, prevHash, hash },
      });
      prevHash = hash;
    }
    await db.setting.create({ data: { key: "audit.chainVersion", value: 1 } });
    const rows = () => db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    return { url: database.url, db, rows, legacyHead: prevHash };
  }

  /** A portal process starting on `url`: it upgrades, then prints the full check's verdict. */
  async function startPortalOn(url: string) {
    const run = await runScript("test/audit-upgrade-child.ts", [], { env: { DATABASE_URL: url } });
    expect(run.status, run.stderr).toBe(0);
    const verdict = run.stdout.match(/^verified (.*)$/m)?.[1];
    return JSON.parse(verdict ?? "null") as { ok: boolean; checked: number };
  }

  it("re-chains scheme-1 events per environment under scheme 2, once, and records the old chain's verdict", async () => {
    const legacy = await legacyDatabase();
    const before = await legacy.rows();
    expect(await startPortalOn(legacy.url)).toEqual({ ok: true, checked: LEGACY.length + 1 });

    const after = await legacy.rows();
    const upgrade = after.at(-1);
    expect(upgrade).toMatchObject({
      action: "audit.chain_upgraded",
      chain: INSTALLATION_CHAIN,
      outcome: "success",
      detail: { events: LEGACY.length, legacyChainOk: true, legacyBrokenAt: null, legacyHead: legacy.legacyHead },
    });
    // The facts and places stay; each chain now starts at the genesis and the customer column is filled in.
    const keep = ({ seq, chain, chainSeq, at, action, detail }: (typeof before)[number]) => ({
      seq,
      chain,
      chainSeq,
      at,
      action,
      detail,
    });
    expect(after.slice(0, -1).map(keep)).toEqual(before.map(keep));
    for (const chain of [envX, envY, INSTALLATION_CHAIN])
      expect(after.find((r) => r.chain === chain)?.prevHash, chain).toBe(GENESIS);
    expect(after.filter((r) => r.orgNumber).map((r) => r.orgNumber)).toEqual(["310000018", "310000026"]);
    expect(await legacy.db.setting.findUnique({ where: { key: "audit.chainVersion" } })).toBeNull();

    // The next start finds nothing to do: no second upgrade event, not a hash changed.
    expect(await startPortalOn(legacy.url)).toEqual({ ok: true, checked: LEGACY.length + 1 });
    expect(await legacy.rows()).toEqual(after);
  });

  it("reports an old chain that was already broken, at its first bad event, and still re-chains it", async () => {
    const legacy = await legacyDatabase();
    const edited = (await legacy.rows())[3]!;
    // An edit made before the upgrade, around the append-only rule (its one way through, migration 0020).
    await legacy.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('portal.audit_write', 'rechain', true)`;
      await tx.$executeRaw`UPDATE audit_events SET "actorLabel" = 'mallory' WHERE seq = ${edited.seq}`;
    });
    expect(await startPortalOn(legacy.url)).toMatchObject({ ok: true });
    const upgrade = await legacy.db.auditEvent.findFirstOrThrow({ where: { action: "audit.chain_upgraded" } });
    expect(upgrade).toMatchObject({
      outcome: "failure",
      detail: { events: LEGACY.length, legacyChainOk: false, legacyBrokenAt: edited.seq.toString() },
    });
  });
}
