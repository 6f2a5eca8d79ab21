import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { expectAppError } from "../helpers";
import { allPages, DAY_START, O1, O2, O3, oracle, seedAuditWorld, SYS1, type World } from "./audit-search-seed";
import { auditExportTests } from "./audit-export";

// The audit page's filters and paging (lib/audit/search.ts) against what each filter means in the table.

async function load() {
  return {
    search: await import("@/lib/audit/search"),
    schema: await import("@/lib/audit/search-schema"),
    options: await import("@/lib/audit/search-options"),
  };
}

export function auditSearchTests(ref: PortalRef) {
  let w: World;
  let m: Awaited<ReturnType<typeof load>>;
  /** One page as the page shows it: the URL's values, parsed as the page parses them. */
  const pageOf =
    (scope = () => w.inS(), pageSize = 7) =>
    async (raw: Record<string, string>) => {
      const parsed = m.schema.parseAuditFilter(raw);
      if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.errors)}`);
      return m.search.searchAuditEvents(scope(), parsed.filter, pageSize);
    };

  beforeAll(async () => {
    m = await load();
    w = await seedAuditWorld(ref());
  }, 120_000);

  it("every filter alone returns exactly the events it names, newest first, across pages", async () => {
    const p = ref();
    const cases: [Record<string, string>, Parameters<typeof oracle>[2], number | null][] = [
      [{ actor: w.keyActorId }, { actorId: w.keyActorId }, 30],
      [{ actor: p.actors.operator.id }, { actorId: p.actors.operator.id }, null],
      [{ action: "customer.update" }, { action: "customer.update" }, 18],
      [{ action: "request." }, { action: { startsWith: "request." } }, 54],
      [{ targetType: "system_user_request" }, { targetType: "system_user_request" }, 54],
      [
        { targetType: "system_user_request", targetId: "req-3" },
        { targetType: "system_user_request", targetId: "req-3" },
        null,
      ],
      [{ targetType: "signing_key", targetId: w.kid }, { targetType: "signing_key", targetId: w.kid }, 1],
      [{ org: O2 }, { orgNumber: O2 }, 30],
      [{ org: "310 904 473" }, { orgNumber: "310904473" }, null],
      [{ system: SYS1 }, { systemId: SYS1 }, 46],
      [{ outcome: "failure" }, { outcome: "failure" }, null],
      [{ from: "2030-04-01" }, { at: { gte: new Date(DAY_START["2030-04-01"]) } }, null],
      [{ to: "2030-03-30" }, { at: { lt: new Date(DAY_START["2030-03-31"]) } }, null],
    ];
    for (const [raw, where, mine] of cases) {
      const expected = await oracle(p, w, where);
      const { seqs } = await allPages(pageOf(), raw);
      expect(seqs, JSON.stringify(raw)).toEqual(expected);
      if (mine !== null) expect(seqs.length, JSON.stringify(raw)).toBe(mine);
    }
  });

  it("a time range is Oslo's calendar days: 00:30 on the 31st is in the 31st, though it is the 30th in UTC", async () => {
    const p = ref();
    const { seqs } = await allPages(pageOf(), { from: "2030-03-31", to: "2030-03-31" });
    const expected = await oracle(p, w, {
      at: { gte: new Date(DAY_START["2030-03-31"]), lt: new Date(DAY_START["2030-04-01"]) },
    });
    expect(seqs).toEqual(expected);
    // S's 30 events of that day and B's none; the first of them was written at 23:30 UTC on the 30th.
    const rows = await p.db.auditEvent.findMany({ where: { seq: { in: seqs.map(BigInt) }, chain: w.s.id } });
    expect(rows).toHaveLength(30);
    expect(rows.map((r) => r.at.toISOString()).sort()[0]).toBe("2030-03-30T23:30:00.000Z");
  });

  it("filters combine: customer, outcome, action group, system and days together", async () => {
    const p = ref();
    const raw = { org: O1, outcome: "failure", action: "request.", system: SYS1, from: "2030-03-31", to: "2030-04-01" };
    const { seqs } = await allPages(pageOf(), raw);
    const expected = await oracle(p, w, {
      orgNumber: O1,
      outcome: "failure",
      action: { startsWith: "request." },
      systemId: SYS1,
      at: { gte: new Date(DAY_START["2030-03-31"]), lt: new Date(DAY_START["2030-04-02"]) },
    });
    expect(seqs).toEqual(expected);
    expect(seqs.length).toBeGreaterThan(0);
    const { seqs: none } = await allPages(pageOf(), { ...raw, actor: w.keyActorId, outcome: "success", org: O3 });
    expect(none).toEqual(
      await oracle(p, w, {
        actorId: w.keyActorId,
        outcome: "success",
        orgNumber: O3,
        action: { startsWith: "request." },
        systemId: SYS1,
        at: { gte: new Date(DAY_START["2030-03-31"]), lt: new Date(DAY_START["2030-04-02"]) },
      }),
    );
  });

  it("pages by seq without duplicates or gaps, and Newer walks back up to the same pages", async () => {
    const p = ref();
    const { pages, befores, seqs } = await allPages(pageOf(), { org: O1 });
    expect(pages.length).toBe(Math.ceil(seqs.length / 7));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(await oracle(p, w, { orgNumber: O1 }));
    expect(pages.slice(0, -1).every((pg) => pg.events.length === 7)).toBe(true);
    // The first page has nothing newer; every other page's Newer leads to the page before it.
    expect(pages[0]?.newer).toBeNull();
    for (let k = pages.length - 1; k > 0; k--) {
      const newer = pages[k]?.newer;
      expect(newer, `page ${k}`).not.toBeNull();
      const up = await pageOf()({ org: O1, ...(newer ? { before: newer } : {}) });
      expect(up.events, `page ${k} → ${k - 1}`).toEqual(pages[k - 1]?.events);
      expect(newer === "" ? undefined : newer, `page ${k}`).toBe(k - 1 === 0 ? undefined : befores[k - 1]);
    }
    // The default page is 50 events.
    const first = await m.search.searchAuditEvents(w.inS(), { org: O1 });
    expect(first.events.map((e) => e.seq)).toEqual(seqs.slice(0, 50));
  });

  it("never returns another environment's events, by any filter or by number", async () => {
    const p = ref();
    expect(w.bSeqs).toHaveLength(5);
    const filters: Record<string, string>[] = [
      { org: O1 },
      { system: SYS1 },
      { action: "request.create" },
      { actor: p.actors.admin.id },
      { from: "2030-03-31", to: "2030-03-31" },
      {},
    ];
    for (const raw of filters) {
      const { seqs } = await allPages(
        pageOf(() => w.inS(), 50),
        raw,
      );
      expect(
        seqs.filter((s) => w.bSeqs.includes(s)),
        JSON.stringify(raw),
      ).toEqual([]);
    }
    // The control: in B they are there, and S's are not.
    const inB = await allPages(
      pageOf(() => w.inB, 50),
      { org: O1 },
    );
    expect(inB.seqs).toEqual([...w.bSeqs].reverse());
    const bSeq = w.bSeqs[0] ?? "";
    await expectAppError(m.search.getAuditEvent(w.inS(), bSeq), "not_found", 404);
    await expect(m.search.getAuditEvent(w.inB, bSeq)).resolves.toMatchObject({ chain: w.b.id });
    await expect(m.options.auditFilterOptions(w.inS())).resolves.toMatchObject({ systems: [], apiKeys: [] });
  });

  it("refuses bad filter values with a message for the field, and never throws", () => {
    const bad: [Record<string, unknown>, string, string][] = [
      [{ org: "123456789" }, "org", "errors.orgNoChecksum"],
      [{ org: "12345" }, "org", "errors.orgNoFormat"],
      [{ actor: "robert'); DROP TABLE" }, "actor", "audit.errors.actor"],
      [{ action: "Request.Create" }, "action", "audit.errors.action"],
      [{ action: "request..x" }, "action", "audit.errors.action"],
      [{ targetType: "a b" }, "targetType", "audit.errors.targetType"],
      [{ targetId: "req-1" }, "targetType", "audit.errors.targetIdNeedsType"],
      [{ system: "x y" }, "system", "audit.errors.system"],
      [{ outcome: "maybe" }, "outcome", "audit.errors.outcome"],
      [{ from: "2025-02-30" }, "from", "audit.errors.date"],
      [{ to: "31.03.2025" }, "to", "audit.errors.date"],
      [{ from: "2030-04-01", to: "2030-03-31" }, "to", "audit.errors.range"],
      [{ before: "-1" }, "before", "audit.errors.before"],
      [{ before: "99999999999999999999" }, "before", "audit.errors.before"],
    ];
    for (const [raw, field, message] of bad)
      expect(m.schema.parseAuditFilter(raw), JSON.stringify(raw)).toEqual({ ok: false, errors: { [field]: message } });
    // Empty fields (a GET form sends them all) and repeated names are no filter and the first value.
    expect(m.schema.parseAuditFilter({ org: "", outcome: ["failure", "success"], action: " " })).toEqual({
      ok: true,
      filter: { outcome: "failure" },
    });
  });

  it("offers the log's actions, groups and target types, and lets only auditors and admins search", async () => {
    const p = ref();
    const options = await m.options.auditFilterOptions(w.inS());
    expect(options.actions).toEqual(expect.arrayContaining(["customer.update", "request.create", "token.diagnose"]));
    expect(options.actionGroups).toEqual(expect.arrayContaining(["customer.", "request.", "token."]));
    expect(options.targetTypes).toEqual(expect.arrayContaining(["customer", "signing_key", "system_user_request"]));
    expect(options.users.map((u) => u.id)).toEqual(expect.arrayContaining([p.actors.admin.id, p.actors.auditor.id]));
    await expect(m.search.searchAuditEvents(w.inS(p.actors.admin), { org: O2 })).resolves.toMatchObject({
      older: null,
    });
    for (const actor of [p.actors.operator, null]) {
      const scope = { ...w.inS(), actor };
      await expectAppError(m.search.searchAuditEvents(scope, {}), "forbidden", 403);
      await expectAppError(m.search.getAuditEvent(scope, w.bSeqs[0] ?? ""), "forbidden", 403);
      await expectAppError(m.options.auditFilterOptions(scope), "forbidden", 403);
    }
  });

  auditExportTests(ref, () => w);

  it("keeps a time range right after the clock went back: today's events follow 2030's in S's chain", async () => {
    const p = ref();
    // The export and customer tests above wrote events now, after the seeded ones from 2030.
    const now = await p.db.auditEvent.findMany({
      where: { chain: w.s.id, at: { lt: new Date(DAY_START["2030-03-30"]) } },
    });
    const last2030 = await p.db.auditEvent.findFirstOrThrow({
      where: { chain: w.s.id, orgNumber: O3 },
      orderBy: { seq: "desc" },
    });
    expect(now.some((e) => e.seq > last2030.seq)).toBe(true);
    const day = (d: keyof typeof DAY_START) => new Date(DAY_START[d]);
    const cases: [Record<string, string>, { gte?: Date; lt?: Date }][] = [
      [{ from: "2030-04-01" }, { gte: day("2030-04-01") }],
      [
        { from: "2030-03-31", to: "2030-03-31" },
        { gte: day("2030-03-31"), lt: day("2030-04-01") },
      ],
      [{ to: "2030-03-30" }, { lt: day("2030-03-31") }],
    ];
    for (const [raw, at] of cases) {
      const { seqs } = await allPages(pageOf(), raw);
      expect(seqs, JSON.stringify(raw)).toEqual(await oracle(p, w, { at }));
    }
  });
}
