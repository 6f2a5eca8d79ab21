import { randomUUID } from "node:crypto";
import type pg from "pg";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { seedRequest } from "../seed";

// /api/live's version (lib/requests/live.ts): one row per environment, bumped by triggers (migration 0024).
// Part of the observability group (test/suites/observability.ts).

export function liveCounterTests(ref: PortalRef) {
  it("live version: one row, moved by request events, system users and reconciliation runs", async () => {
    const p = ref();
    const { liveVersion } = await import("@/lib/requests/live");
    const version = () => liveVersion(p.scope(p.actors.auditor));
    const v0 = await version();
    const request = await seedRequest(p);
    const v1 = await version();
    expect(v1).not.toBe(v0);
    // A system user appears (as sync or reconciliation writes it); edits the lists do not show leave the version.
    const user = await p.db.systemUser.create({
      data: {
        systemId: request.system.id,
        customerId: request.customer.id,
        altinnSystemUserId: randomUUID(),
        externalRef: "observability",
        userType: "standard",
      },
    });
    const v2 = await version();
    expect(v2).not.toBe(v1);
    await p.db.systemUser.update({ where: { id: user.id }, data: { externalRef: "observability-2" } });
    expect(await version()).toBe(v2);
    await p.db.systemUser.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    const v3 = await version();
    expect(v3).not.toBe(v2);
    // A reconciliation run starts and finishes.
    const run = await p.db.reconRun.create({
      data: { environmentId: p.environmentId, status: "running", triggeredBy: "observability suite" },
    });
    const v4 = await version();
    expect(v4).not.toBe(v3);
    await p.db.reconRun.update({ where: { id: run.id }, data: { systems: 1 } });
    expect(await version()).toBe(v4);
    await p.db.reconRun.update({ where: { id: run.id }, data: { status: "succeeded", finishedAt: new Date() } });
    const v5 = await version();
    expect(v5).not.toBe(v4);
    await p.db.reconRun.delete({ where: { id: run.id } });
    await p.db.systemUser.delete({ where: { id: user.id } });
    expect(await version()).not.toBe(v5);

    // What liveVersion sends to the database, planned: a key lookup, nothing over request_events.
    const pool = (globalThis as { pool?: pg.Pool }).pool;
    if (!pool) throw new Error("no pool");
    type Sent = { text: string; values?: unknown[] };
    const sent: Sent[] = [];
    const query = pool.query.bind(pool);
    pool.query = ((config: Sent | string, values?: unknown[]) => {
      sent.push(typeof config === "string" ? { text: config, values } : config);
      return query(config as string, values);
    }) as unknown as typeof pool.query;
    try {
      await version();
    } finally {
      Reflect.deleteProperty(pool, "query");
    }
    expect(sent.length).toBeGreaterThan(0);
    for (const s of sent) {
      const plan = await pool.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN ${s.text}`, values: s.values });
      const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text).toContain("live_counters");
      expect(text).not.toContain("request_events");
      expect(text).not.toMatch(/Aggregate/);
    }
  });
}
