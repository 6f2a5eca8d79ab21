import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { expectAppError } from "../helpers";

export function auditTests(ref: PortalRef) {
  it("verifies the whole chain and counts every event", async () => {
    const p = ref();
    const total = await p.db.auditEvent.count();
    // bootstrap, 3 users, key, 2 system attempts, request, status change, link at the least
    expect(total).toBeGreaterThanOrEqual(10);
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
    const target = await p.db.auditEvent.findFirstOrThrow({ where: { action: "system.register", outcome: "success" } });
    const earlier = await p.db.auditEvent.count({ where: { seq: { lt: target.seq } } });
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
        await expect(p.m.audit.verifyAuditChain(p.actors.auditor), column).resolves.toEqual({
          ok: false,
          checked: earlier,
          brokenAt: target.seq.toString(),
        });
        expect(await set(original)).toBe(1);
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
    const events = await p.m.audit.listAuditEvents(p.actors.auditor);
    expect(events).toHaveLength(total);
    expect(events.map((e) => Number(e.seq))).toEqual([...events.map((e) => Number(e.seq))].sort((a, b) => b - a));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "environment.create",
        "user.create",
        "key.generate",
        "system.register",
        "request.create",
        "systemuser.link",
      ]),
    );
    expect(events[0]).not.toHaveProperty("hash");
    await expect(p.m.audit.listAuditEvents(p.actors.admin, { take: 2 })).resolves.toHaveLength(2);
    await expectAppError(p.m.audit.listAuditEvents(p.actors.operator), "forbidden", 403);
    await expectAppError(p.m.audit.listAuditEvents(null), "forbidden", 403);
  });
}
