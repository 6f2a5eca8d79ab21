import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedRequest, type SeededRequest } from "../seed";

const [CUSTOMER = ""] = orgNumbers(1, ORG_BLOCKS.audit);

export function auditTests(ref: PortalRef) {
  // Something of every kind to audit: a system registered, a request created, approved and linked.
  let seeded: SeededRequest;
  beforeAll(async () => {
    seeded = await seedRequest(ref(), { orgNo: CUSTOMER, outcome: "approved" });
  });

  it("verifies the whole chain and counts every event", async () => {
    const p = ref();
    const total = await p.db.auditEvent.count();
    // What the seeding recorded: system.register, then request.create and request.status on the request.
    const seededEvents = await p.db.auditEvent.findMany({
      where: { targetId: { in: [seeded.system.systemId, seeded.id] } },
      orderBy: { seq: "asc" },
      select: { action: true, outcome: true },
    });
    expect(seededEvents).toEqual([
      { action: "system.register", outcome: "success" },
      { action: "request.create", outcome: "success" },
      { action: "request.status", outcome: "success" },
    ]);
    await expect(p.m.audit.verifyAuditChain(p.actors.auditor)).resolves.toEqual({ ok: true, checked: total });
    await expect(p.m.audit.verifyAuditChain(p.actors.admin)).resolves.toEqual({ ok: true, checked: total });
  });

  it("ignores UPDATE and DELETE and refuses TRUNCATE, even in raw SQL", async () => {
    const p = ref();
    const before = await p.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(await p.db.$executeRawUnsafe(`UPDATE audit_events SET action = 'x'`)).toBe(0);
    expect(await p.db.$executeRawUnsafe(`DELETE FROM audit_events`)).toBe(0);
    expect(await p.db.auditEvent.updateMany({ data: { action: "y" } })).toEqual({ count: 0 });
    await expect(p.db.$executeRawUnsafe(`TRUNCATE audit_events`)).rejects.toThrow(/must be called on update/);
    expect(await p.db.auditEvent.findMany({ orderBy: { seq: "asc" } })).toEqual(before);
    await expect(p.m.audit.verifyAuditChain(p.actors.auditor)).resolves.toEqual({ ok: true, checked: before.length });
  });

  it("finds an edit made around the rules, at the edited event", async () => {
    const p = ref();
    const target = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "system.register", outcome: "success", targetId: seeded.system.systemId },
    });
    const earlier = await p.db.auditEvent.count({ where: { chain: target.chain, seq: { lt: target.seq } } });
    // Every fact the hash should cover, edited in turn and then put back.
    const edits: [column: string, cast: string, edited: string, original: string][] = [
      ["actorLabel", "text", "mallory@vendor.test", target.actorLabel],
      ["action", "text", "system.delete", target.action],
      ["targetId", "text", "991825827_other", target.targetId ?? ""],
      ["detail", "jsonb", JSON.stringify({ altinnInternalId: "forged" }), JSON.stringify(target.detail)],
      ["outcome", '"AuditOutcome"', "failure", target.outcome],
    ];
    await p.db.$executeRawUnsafe(`ALTER TABLE audit_events DISABLE RULE audit_events_no_update`);
    try {
      for (const [column, cast, edited, original] of edits) {
        const set = (value: string) =>
          p.db.$executeRawUnsafe(
            `UPDATE audit_events SET "${column}" = $1::${cast} WHERE seq = $2::bigint`,
            value,
            target.seq.toString(),
          );
        expect(await set(edited)).toBe(1);
        const verdict = await p.m.audit.verifyAuditChain(p.actors.auditor);
        expect(await set(original)).toBe(1);
        // Every event before it in its chain held (and the chains checked before it).
        expect(verdict, column).toMatchObject({ ok: false, brokenAt: target.seq.toString() });
        expect(verdict.checked, column).toBeGreaterThanOrEqual(earlier);
      }
    } finally {
      await p.db.$executeRawUnsafe(`ALTER TABLE audit_events ENABLE RULE audit_events_no_update`);
    }
    await expect(p.m.audit.verifyAuditChain(p.actors.auditor)).resolves.toMatchObject({ ok: true });
    expect(await p.db.$executeRawUnsafe(`UPDATE audit_events SET action = 'x'`)).toBe(0);
  });

  it("lets auditors and admins read the log, and nobody else", async () => {
    const p = ref();
    const total = await p.db.auditEvent.count();
    const newest = await p.db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 200, select: { seq: true } });
    // The newest page, newest first: every event while there are fewer than 200.
    const events = await p.m.audit.listAuditEvents(p.actors.auditor);
    expect(events).toHaveLength(Math.min(200, total));
    expect(events.map((e) => e.seq)).toEqual(newest.map((e) => e.seq.toString()));
    // The seeded request's story (it is recent, so on the first page): registered, created, approved, linked.
    const seededStory = events.filter((e) =>
      [seeded.system.systemId, seeded.id, seeded.altinnSystemUserId].includes(e.targetId ?? ""),
    );
    expect(seededStory.map((e) => e.action).reverse()).toEqual([
      "system.register",
      "request.create",
      "request.status",
      "systemuser.link",
    ]);
    // A longer page (at most 1000) starts with the same events.
    const longer = await p.m.audit.listAuditEvents(p.actors.auditor, { take: 1000 });
    expect(longer).toHaveLength(Math.min(1000, total));
    expect(longer.slice(0, events.length)).toEqual(events);
    expect(events[0]).not.toHaveProperty("hash");
    await expect(p.m.audit.listAuditEvents(p.actors.admin, { take: 2 })).resolves.toHaveLength(2);
    await expectAppError(p.m.audit.listAuditEvents(p.actors.operator), "forbidden", 403);
    await expectAppError(p.m.audit.listAuditEvents(null), "forbidden", 403);
  });
}
