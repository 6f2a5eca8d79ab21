import { expect, it, vi } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch } from "../emulator-api";
import { addOrganisations, orgNumbers, systemInput } from "../helpers";

const MINUTE = 60_000;
const ORGS = orgNumbers(4, 38_000_000);
const [ANSWERS, OUTAGE, BOSS, EXPIRES] = ORGS;
const DAY_MS = 86_400_000;

const poller = () => import("@/lib/requests/poller.job");
const row = (p: Portal, id: string) =>
  p.db.systemUserRequest.findUniqueOrThrow({
    where: { id },
    include: { systemUser: true, events: { orderBy: { at: "asc" } } },
  });
const makeDue = (p: Portal, id: string) =>
  p.db.systemUserRequest.update({ where: { id }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
const decide = (p: Portal, altinnId: string, how: "approve" | "reject") =>
  emulatorFetch(p.emulatorUrl, `/emulator/requests/${altinnId}/${how}`, { body: {} });

export function pollerTests(ref: PortalRef) {
  const state = { systemRowId: "" };

  it("reads a waiting request when it is due, backs off, and stops once the customer has answered", async () => {
    const p = ref();
    await addOrganisations(p, ORGS);
    const system = await p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, "poller-sync"));
    state.systemRowId = system.id;
    const created = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: system.id,
      orgNo: ANSWERS ?? "",
    });
    const fresh = await row(p, created.id);
    expect(fresh.checkCount).toBe(0);
    expect((fresh.nextCheckAt?.getTime() ?? 0) - fresh.createdAt.getTime()).toBeGreaterThanOrEqual(MINUTE - 1000);

    // Not due yet: the poller leaves it alone.
    await (await poller()).pollDueRequests();
    expect((await row(p, created.id)).checkCount).toBe(0);

    await makeDue(p, created.id);
    await (await poller()).pollDueRequests();
    const waited = await row(p, created.id);
    expect(waited).toMatchObject({ status: "New", checkCount: 1 });
    const gap = (waited.nextCheckAt?.getTime() ?? 0) - Date.now();
    expect(gap).toBeGreaterThan(MINUTE);
    expect(gap).toBeLessThanOrEqual(2 * MINUTE);

    // Open list pages poll this fingerprint and re-render when it moves: not for a check that
    // changed nothing, but for an answer.
    const { liveVersion } = await import("@/lib/requests/live");
    const version = () => liveVersion(p.scope(p.actors.auditor));
    const versionBefore = await version();
    await makeDue(p, created.id);
    await (await poller()).pollDueRequests();
    expect(await version()).toBe(versionBefore);
    expect((await decide(p, fresh.altinnRequestId, "approve")).status).toBe(200);
    await makeDue(p, created.id);
    await (await poller()).pollDueRequests();
    expect(await version()).not.toBe(versionBefore);
    const answered = await row(p, created.id);
    expect(answered).toMatchObject({ status: "Accepted", nextCheckAt: null, checkCount: 3 });
    expect(answered.systemUser?.altinnSystemUserId).toBeTruthy();
    expect(answered.events.map((e) => e.kind)).toEqual(["created", "accepted"]);
    const audit = await p.db.auditEvent.findFirstOrThrow({ where: { action: "request.status", targetId: created.id } });
    expect(audit).toMatchObject({ actorType: "system", actorLabel: "status poller" });
  });

  it("an Altinn outage only pushes the next check out; the answer is picked up after recovery", async () => {
    const p = ref();
    const created = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: OUTAGE ?? "",
    });
    const altinnId = (await row(p, created.id)).altinnRequestId;
    expect((await decide(p, altinnId, "reject")).status).toBe(200);
    const fault = { path: "/authentication/api/v1/systemuser/request", errorRate: 1, status: 503 };
    expect((await emulatorFetch(p.emulatorUrl, "/emulator/faults", { body: fault })).status).toBe(200);
    try {
      await makeDue(p, created.id);
      const report = await (await poller()).pollDueRequests();
      expect(report.failed).toBeGreaterThanOrEqual(1);
      const during = await row(p, created.id);
      expect(during).toMatchObject({ status: "New", checkCount: 1 });
      expect(during.nextCheckAt?.getTime() ?? 0).toBeGreaterThan(Date.now());
    } finally {
      await emulatorFetch(p.emulatorUrl, `/emulator/faults?path=${encodeURIComponent(fault.path)}`, {
        method: "DELETE",
      });
    }
    await makeDue(p, created.id);
    await (await poller()).pollDueRequests();
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
    expect((await decide(p, (await row(p, created.id)).altinnRequestId, "approve")).status).toBe(200);
    await makeDue(p, created.id);
    await startWorkers();
    try {
      await kick("requests-poll");
      const deadline = Date.now() + 30_000;
      while ((await row(p, created.id)).status === "New" && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      expect((await row(p, created.id)).status).toBe("Accepted");
    } finally {
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
    // Only this request is due, so the jump in time touches no other suite's requests.
    await p.db.systemUserRequest.updateMany({ where: { id: { not: created.id } }, data: { nextCheckAt: null } });
    // The in-process emulator dates everything by Date.now(): moving Date moves both clocks together.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 29 * DAY_MS });
    try {
      await makeDue(p, created.id);
      const report = await (await poller()).pollDueRequests();
      expect(report).toMatchObject({ renewed: 1, failed: 0 });
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
    expect(audit).toMatchObject({ actorId: p.actors.admin.id, detail: { autoRenewExpired: false } });
  });
}
