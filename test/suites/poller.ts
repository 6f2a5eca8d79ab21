import { beforeAll, expect, it, vi } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { decideRequest, withFault } from "../emulator-controls";
import { until } from "../until";
import { addOrganisations, pollOnly } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedSystem } from "../seed";

const MINUTE = 60_000;
const ORGS = orgNumbers(4, ORG_BLOCKS.poller);
const [ANSWERS, OUTAGE, BOSS, EXPIRES] = ORGS;
const DAY_MS = 86_400_000;

const row = (p: Portal, id: string) =>
  p.db.systemUserRequest.findUniqueOrThrow({
    where: { id },
    include: { systemUser: true, events: { orderBy: { at: "asc" } } },
  });
const makeDue = (p: Portal, id: string) =>
  p.db.systemUserRequest.update({ where: { id }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
export function pollerTests(ref: PortalRef) {
  const state = { systemRowId: "" };

  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, ORGS);
    state.systemRowId = (await seedSystem(p, { prefix: "poller" })).id;
  });

  it("reads a waiting request when it is due, backs off, and stops once the customer has answered", async () => {
    const p = ref();
    const created = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: ANSWERS ?? "",
    });
    const fresh = await row(p, created.id);
    expect(fresh.checkCount).toBe(0);
    // The first check is a minute after creation (the back-off steps themselves: lib/requests/polling.test.ts).
    expect(Math.abs((fresh.nextCheckAt?.getTime() ?? 0) - fresh.createdAt.getTime() - MINUTE)).toBeLessThan(1000);

    // Not due yet: the poller leaves it alone.
    expect(await pollOnly(p, [created.id])).toEqual({ checked: 0, changed: 0, failed: 0, renewed: 0 });
    expect((await row(p, created.id)).checkCount).toBe(0);

    await makeDue(p, created.id);
    expect(await pollOnly(p, [created.id])).toEqual({ checked: 1, changed: 0, failed: 0, renewed: 0 });
    const waited = await row(p, created.id);
    expect(waited).toMatchObject({ status: "New", checkCount: 1 });
    // After one check the next is two minutes out, counted from that check.
    const gap = (waited.nextCheckAt?.getTime() ?? 0) - (waited.lastCheckedAt?.getTime() ?? 0);
    expect(gap).toBeGreaterThanOrEqual(2 * MINUTE);
    expect(gap).toBeLessThan(2 * MINUTE + 1000);

    // Open list pages poll this fingerprint and re-render when it moves: not for a check that
    // changed nothing, but for an answer.
    const { liveVersion } = await import("@/lib/requests/live");
    const version = () => liveVersion(p.scope(p.actors.auditor));
    const versionBefore = await version();
    await makeDue(p, created.id);
    await pollOnly(p, [created.id]);
    expect(await version()).toBe(versionBefore);
    await decideRequest(p, fresh.altinnRequestId, "approve");
    await makeDue(p, created.id);
    expect(await pollOnly(p, [created.id])).toEqual({ checked: 1, changed: 1, failed: 0, renewed: 0 });
    expect(await version()).not.toBe(versionBefore);
    const answered = await row(p, created.id);
    expect(answered).toMatchObject({ status: "Accepted", nextCheckAt: null, checkCount: 3 });
    expect(answered.systemUser?.altinnSystemUserId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answered.events.map((e) => e.kind)).toEqual(["created", "accepted"]);
    const audit = await p.db.auditEvent.findMany({ where: { action: "request.status", targetId: created.id } });
    expect(audit).toMatchObject([
      { actorType: "system", actorLabel: "status poller", detail: { from: "New", to: "Accepted" } },
    ]);
  });

  it("an Altinn outage only pushes the next check out; the answer is picked up after recovery", async () => {
    const p = ref();
    const created = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: OUTAGE ?? "",
    });
    const altinnId = (await row(p, created.id)).altinnRequestId;
    await decideRequest(p, altinnId, "reject");
    const fault = { path: "/authentication/api/v1/systemuser/request", errorRate: 1, status: 503 };
    await withFault(p, fault, async () => {
      await makeDue(p, created.id);
      expect(await pollOnly(p, [created.id])).toEqual({ checked: 0, changed: 0, failed: 1, renewed: 0 });
      const during = await row(p, created.id);
      expect(during).toMatchObject({ status: "New", checkCount: 1 });
      // A failed check counts as a check: the next one is two minutes out.
      const wait = (during.nextCheckAt?.getTime() ?? 0) - Date.now();
      expect(wait).toBeGreaterThan(2 * MINUTE - 5000);
      expect(wait).toBeLessThanOrEqual(2 * MINUTE);
    });
    await makeDue(p, created.id);
    expect(await pollOnly(p, [created.id])).toEqual({ checked: 1, changed: 1, failed: 0, renewed: 0 });
    const after = await row(p, created.id);
    expect(after).toMatchObject({ status: "Rejected", nextCheckAt: null });
    expect(after.events.map((e) => e.kind)).toEqual(["created", "rejected"]);
  });

  it("runs as a pg-boss job on this database, started by the workers and kicked on demand", async () => {
    const p = ref();
    const { startWorkers } = await import("@/lib/jobs/worker");
    const { kick, stopBoss } = await import("@/lib/core/jobs/boss");
    const created = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: BOSS ?? "",
    });
    await decideRequest(p, (await row(p, created.id)).altinnRequestId, "approve");
    await makeDue(p, created.id);
    await startWorkers();
    try {
      await kick("requests-poll");
      await until(async () => (await row(p, created.id)).status !== "New", "the poller job", { timeoutMs: 30_000 });
      expect((await row(p, created.id)).status).toBe("Accepted");
    } finally {
      await stopBoss();
    }
  });

  it("frees its queue within two minutes of a killed run, also on a database installed with the old five", async () => {
    const p = ref();
    const { startWorkers, stopWorkers } = await import("@/lib/jobs/worker");
    const { stopBoss } = await import("@/lib/core/jobs/boss");
    const expiry = async () =>
      (
        await p.db.$queryRawUnsafe<{ s: number }[]>(
          `SELECT expire_seconds AS s FROM pgboss.queue WHERE name = 'requests-poll'`,
        )
      )[0]?.s;
    await startWorkers();
    await stopWorkers();
    await stopBoss();
    // As an install made before the change left it: createQueue alone would keep this.
    await p.db.$executeRawUnsafe(`UPDATE pgboss.queue SET expire_seconds = 300 WHERE name = 'requests-poll'`);
    expect(await expiry()).toBe(300);
    await startWorkers();
    try {
      expect(await expiry()).toBe(120);
    } finally {
      await stopWorkers();
      await stopBoss();
    }
  });

  it("sees Altinn's 28-day expiry and, when the environment says so, renews the request by itself", async () => {
    const p = ref();
    const { setAutoRenewExpired } = await import("@/lib/environments/auto-renew");
    await setAutoRenewExpired(p.actors.admin, p.environmentId, true);
    const created = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: EXPIRES ?? "",
    });
    // The in-process emulator dates everything by Date.now(): moving Date moves both clocks together.
    // Only this request is polled, so the jump in time touches no other suite's requests. Time keeps
    // running, so the timeline's events (stamped by the client) do not all share one instant.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 29 * DAY_MS);
    try {
      await makeDue(p, created.id);
      const report = await pollOnly(p, [created.id]);
      expect(report).toEqual({ checked: 1, changed: 1, failed: 0, renewed: 1 });
    } finally {
      vi.useRealTimers();
      await setAutoRenewExpired(p.actors.admin, p.environmentId, false);
    }
    const old = await row(p, created.id);
    expect(old).toMatchObject({ status: "Timedout", nextCheckAt: null });
    expect(old.events.map((e) => e.kind)).toEqual(["created", "expired", "deleted", "renewed"]);
    const fresh = await p.db.systemUserRequest.findFirstOrThrow({
      where: { customerId: old.customerId, id: { not: old.id } },
    });
    expect(fresh).toMatchObject({ status: "New", createdVia: "auto", externalRef: old.externalRef });
    expect(fresh.nextCheckAt).not.toBeNull();
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "environment.auto_renew" },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({
      actorId: p.actors.admin.id,
      detail: { before: { autoRenewExpired: true }, after: { autoRenewExpired: false } },
    });
  });
}
