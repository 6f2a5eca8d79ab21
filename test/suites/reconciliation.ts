import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch } from "../emulator-api";
import { decideRequest, withFault } from "../emulator-controls";
import { until } from "../until";
import { addOrganisations, altinnCall, CALLBACK, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedSystem } from "../seed";

const ORGS = orgNumbers(70, ORG_BLOCKS.reconciliation);
const [DELETES, VANISHES, ADOPTED, IGNORED, FLAPS, OUTSIDE] = ORGS;
const PAGING = ORGS.slice(10, 65);
const PACKAGE = "urn:altinn:accesspackage:skattegrunnlag";

const recon = () => import("@/lib/reconciliation/run.job");
const fixes = () => import("@/lib/reconciliation/fixes");
const reconcile = async (p: Portal) => (await recon()).reconcileEnvironment(p.environmentId, "test");
const findings = (p: Portal, systemId: string) =>
  p.db.reconFinding.findMany({ where: { systemId }, orderBy: { altinnId: "asc" } });
const finding = (p: Portal, altinnId: string) => p.db.reconFinding.findFirstOrThrow({ where: { altinnId } });

async function portalRequest(p: Portal, systemId: string, orgNo: string) {
  const created = await p.m.requests.createRequest(p.scope(p.actors.operator), { systemId, orgNo });
  return p.db.systemUserRequest.findUniqueOrThrow({ where: { id: created.id } });
}

/** A system user made without the portal: a request straight to Altinn, approved by the customer. */
async function outsideSystemUser(p: Portal, systemId: string, orgNo: string, externalRef: string): Promise<string> {
  const res = await altinnCall(p, "/systemuser/request/vendor", "POST", {
    systemId,
    partyOrgNo: orgNo,
    externalRef,
    accessPackages: [{ urn: PACKAGE }],
    redirectUrl: CALLBACK,
  });
  expect(res.status).toBe(201);
  const requestId = (res.json as { id: string }).id;
  await decideRequest(p, requestId, "approve");
  const user = await altinnCall(
    p,
    `/systemuser/vendor/byquery?system-id=${systemId}&orgno=${orgNo}&external-ref=${externalRef}`,
  );
  expect(user.status).toBe(200);
  return (user.json as { id: string }).id;
}

export function reconciliationTests(ref: PortalRef) {
  const state = { systemRowId: "", systemId: "" };

  // Runs cover the whole environment, other suites' drift included: each test reconciles once before it
  // makes its own drift, so the next run's counts are exactly what the test did.
  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, ORGS);
    const system = await seedSystem(p, { prefix: "recon-main" });
    Object.assign(state, { systemRowId: system.id, systemId: system.systemId });
  });

  it("a customer deleting a system user in Altinn shows up as drift; the fix marks it and the customer can be re-onboarded", async () => {
    const p = ref();
    const system = { id: state.systemRowId, systemId: state.systemId };
    const request = await portalRequest(p, system.id, DELETES ?? "");
    await decideRequest(p, request.altinnRequestId, "approve");
    await p.m.requests.refreshRequest(p.scope(p.actors.operator), request.id);
    const user = await p.db.systemUser.findUniqueOrThrow({ where: { requestId: request.id } });

    // In step with Altinn: nothing to report for this system.
    const clean = await reconcile(p);
    expect(clean.failedSystems).not.toContain(system.systemId);
    expect(await findings(p, system.id)).toEqual([]);

    expect(
      (await emulatorFetch(p.emulatorUrl, `/emulator/systemusers/${user.altinnSystemUserId}`, { method: "DELETE" }))
        .status,
    ).toBe(202);
    const run = await reconcile(p);
    expect(run).toMatchObject({ opened: 1, resolved: 0 });
    const drift = await finding(p, user.altinnSystemUserId);
    expect(drift).toMatchObject({
      kind: "system_user_deleted",
      orgNo: DELETES,
      customerId: request.customerId,
      systemUserId: user.id,
      requestId: request.id,
      resolvedAt: null,
    });
    // The customer also lost the request with it (CONTRACT §5.1); that is the same drift, not a second finding.
    expect(await findings(p, system.id)).toHaveLength(1);

    // Auditors see findings but cannot fix them.
    const { openFindingCount } = await import("@/lib/reconciliation/queries");
    expect(await openFindingCount(p.scope(p.actors.auditor))).toBe(
      await p.db.reconFinding.count({ where: { environmentId: p.environmentId, resolvedAt: null } }),
    );
    await expectAppError((await fixes()).fixFinding(p.scope(p.actors.auditor), drift.id), "forbidden", 403);

    await (await fixes()).fixFinding(p.scope(p.actors.operator), drift.id);
    expect((await p.db.systemUser.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).toBeInstanceOf(Date);
    const events = await p.m.requestEvents.listRequestEvents(p.scope(p.actors.auditor), request.id);
    expect(events.map((e) => e.kind)).toEqual(["created", "accepted", "system_user_deleted"]);
    expect(await finding(p, user.altinnSystemUserId)).toMatchObject({
      resolution: "fixed",
      resolvedByLabel: p.actors.operator.email,
    });
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "reconciliation.fix", targetId: drift.id },
    });
    expect(audit).toMatchObject({ actorId: p.actors.operator.id, outcome: "success" });
    // A fixed finding cannot be fixed twice.
    await expectAppError((await fixes()).fixFinding(p.scope(p.actors.operator), drift.id), "finding_resolved", 409);

    // The next run does not raise it again.
    await reconcile(p);
    expect(await finding(p, user.altinnSystemUserId)).toMatchObject({ resolution: "fixed" });
    expect(await findings(p, system.id)).toHaveLength(1);

    // One click: a new request for the same customer and system, waiting in Altinn.
    const again = await (await fixes()).reonboardFromFinding(p.scope(p.actors.operator), drift.id);
    const fresh = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: again.id } });
    expect(fresh).toMatchObject({ status: "New", customerId: request.customerId, systemId: system.id });
    expect(fresh.altinnRequestId).not.toBe(request.altinnRequestId);
    expect((await altinnCall(p, `/systemuser/request/vendor/${fresh.altinnRequestId}`)).status).toBe(200);
  });

  it("a request deleted in Altinn shows as vanished; the fix records it on the timeline and stops polling", async () => {
    const p = ref();
    const request = await portalRequest(p, state.systemRowId, VANISHES ?? "");
    expect(request.nextCheckAt).not.toBeNull();
    await reconcile(p);
    expect((await altinnCall(p, `/systemuser/request/vendor/${request.altinnRequestId}`, "DELETE")).status).toBe(202);
    expect(await reconcile(p)).toMatchObject({ opened: 1, resolved: 0 });
    const gone = await finding(p, request.altinnRequestId);
    expect(gone).toMatchObject({
      kind: "request_vanished",
      requestId: request.id,
      orgNo: VANISHES,
      customerId: request.customerId,
      resolvedAt: null,
    });

    await (await fixes()).fixFinding(p.scope(p.actors.admin), gone.id);
    const after = await p.db.systemUserRequest.findUniqueOrThrow({
      where: { id: request.id },
      include: { events: { orderBy: { at: "asc" } } },
    });
    expect(after.nextCheckAt).toBeNull();
    expect(after.events.map((e) => e.kind)).toEqual(["created", "deleted"]);
    expect(after.events[1]?.detail).toMatchObject({ via: "reconciliation", altinnRequestId: request.altinnRequestId });
    await reconcile(p);
    expect(await finding(p, request.altinnRequestId)).toMatchObject({ resolution: "fixed" });
    expect(await p.db.reconFinding.count({ where: { altinnId: request.altinnRequestId } })).toBe(1);
  });

  it("a system user created outside the portal shows as unknown; it can be adopted or ignored, and ignored stays ignored", async () => {
    const p = ref();
    const adoptId = await outsideSystemUser(p, state.systemId, ADOPTED ?? "", "outside-adopt");
    const ignoreId = await outsideSystemUser(p, state.systemId, IGNORED ?? "", "outside-ignore");
    // The two made just now are all that is new since the last run (the previous test's).
    expect(await reconcile(p)).toMatchObject({ opened: 2, resolved: 0 });
    const adopt = await finding(p, adoptId);
    const ignore = await finding(p, ignoreId);
    expect(adopt).toMatchObject({
      kind: "unknown_system_user",
      orgNo: ADOPTED,
      customerId: null,
      resolvedAt: null,
      detail: { externalRef: "outside-adopt", userType: "standard" },
    });
    expect(ignore).toMatchObject({ kind: "unknown_system_user", orgNo: IGNORED, resolvedAt: null });
    // Adopting is not what an unknown system user's "fix" is; the wrong fix is refused and changes nothing.
    await expectAppError((await fixes()).fixFinding(p.scope(p.actors.operator), adopt.id), "finding_no_fix", 409);
    expect(await p.db.customer.count({ where: { orgNo: ADOPTED } })).toBe(0);

    const { customerId } = await (await fixes()).adoptFinding(p.scope(p.actors.operator), adopt.id);
    const customer = await p.db.customer.findUniqueOrThrow({
      where: { id: customerId },
      include: { systemUsers: true },
    });
    expect(customer).toMatchObject({ orgNo: ADOPTED, externalRef: "outside-adopt", environmentId: p.environmentId });
    expect(customer.systemUsers).toMatchObject([
      { altinnSystemUserId: adoptId, systemId: state.systemRowId, externalRef: "outside-adopt", deletedAt: null },
    ]);
    expect(await p.db.auditEvent.count({ where: { action: "reconciliation.adopt", targetId: adopt.id } })).toBe(1);

    await (await fixes()).ignoreFinding(p.scope(p.actors.operator), ignore.id);
    expect(await p.db.auditEvent.count({ where: { action: "reconciliation.ignore", targetId: ignore.id } })).toBe(1);
    const ignoredAt = (await finding(p, ignoreId)).resolvedAt;

    await reconcile(p);
    expect(await finding(p, adoptId)).toMatchObject({ resolution: "adopted" });
    const still = await finding(p, ignoreId);
    expect(still).toMatchObject({ resolution: "ignored", resolvedAt: ignoredAt });
    expect(still.lastSeenAt.getTime()).toBeGreaterThan(ignore.lastSeenAt.getTime());
    expect(await p.db.reconFinding.count({ where: { altinnId: { in: [adoptId, ignoreId] } } })).toBe(2);
  });

  it("findings that no longer apply on the next run are resolved by themselves", async () => {
    const p = ref();
    const userId = await outsideSystemUser(p, state.systemId, FLAPS ?? "", "outside-flaps");
    await reconcile(p);
    expect(await finding(p, userId)).toMatchObject({ resolvedAt: null });
    expect((await emulatorFetch(p.emulatorUrl, `/emulator/systemusers/${userId}`, { method: "DELETE" })).status).toBe(
      202,
    );
    const run = await reconcile(p);
    expect(run).toMatchObject({ opened: 0, resolved: 1 });
    const gone = await finding(p, userId);
    expect(gone).toMatchObject({ resolution: "auto", resolvedByLabel: "reconciliation" });
    expect(gone.resolvedAt).toBeInstanceOf(Date);
    // The overview lists it under recently resolved, no longer as open.
    const { reconciliationOverview } = await import("@/lib/reconciliation/queries");
    const view = await reconciliationOverview(p.scope(p.actors.auditor));
    expect(view.open.map((f) => f.altinnId)).not.toContain(userId);
    expect(view.resolved.map((f) => f.altinnId)).toContain(userId);
  });

  it("reads every page of Altinn's lists: over 50 requests and system users in one system give no false findings", async () => {
    const p = ref();
    const system = await seedSystem(p, { prefix: "recon-paging" });
    // 55 waiting requests of ours: page two of Altinn's list holds some of them, and every one must be seen.
    const ours = [];
    for (const orgNo of PAGING) ours.push(await portalRequest(p, system.id, orgNo));
    // 53 system users Altinn knows and we do not: 50 on page one, 3 on page two.
    const outside: string[] = [];
    for (let i = 0; i < 53; i++)
      outside.push(await outsideSystemUser(p, system.systemId, OUTSIDE ?? "", `outside-page-${i}`));
    const run = await reconcile(p);
    expect(run.failedSystems).not.toContain(system.systemId);
    const found = await findings(p, system.id);
    expect(found.filter((f) => f.kind === "request_vanished")).toEqual([]);
    expect(
      found
        .filter((f) => f.kind === "unknown_system_user")
        .map((f) => f.altinnId)
        .sort(),
    ).toEqual([...outside].sort());
    expect(found).toHaveLength(53);
    // More of ours than fit on one page of 50: had a page been skipped, some would show as vanished.
    expect(ours).toHaveLength(55);
  });

  it("an Altinn outage during a run leaves every finding as it was and records the run as failed", async () => {
    const p = ref();
    const before = await p.db.reconFinding.findMany({ orderBy: { id: "asc" } });
    // Drift that a working run would report: with Altinn down it must not show.
    const request = await portalRequest(p, state.systemRowId, ORGS[66] ?? "");
    expect((await altinnCall(p, `/systemuser/request/vendor/${request.altinnRequestId}`, "DELETE")).status).toBe(202);
    const fault = { path: "/authentication/api/v1/systemuser", errorRate: 1, status: 503 };
    const run = await withFault(p, fault, () => reconcile(p));
    expect(run).toMatchObject({ status: "failed", opened: 0, resolved: 0 });
    expect(run.failedSystems).toContain(state.systemId);
    expect(await p.db.reconFinding.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    const { reconciliationOverview } = await import("@/lib/reconciliation/queries");
    const view = await reconciliationOverview(p.scope(p.actors.auditor));
    expect(view.lastRun).toMatchObject({ id: run.runId, status: "failed" });
    expect(view.lastRun?.failedSystems).toContain(state.systemId);

    // After recovery the same drift is reported, and nothing else.
    const recovered = await reconcile(p);
    expect(recovered).toMatchObject({ opened: 1, resolved: 0 });
    expect(recovered.failedSystems).not.toContain(state.systemId);
    expect(await finding(p, request.altinnRequestId)).toMatchObject({ kind: "request_vanished", resolvedAt: null });
  });

  it("Run now queues the reconcile job, which the workers pick up and record", async () => {
    const p = ref();
    const { startWorkers } = await import("@/lib/jobs/worker");
    const { stopBoss } = await import("@/lib/core/jobs/boss");
    await expectAppError((await fixes()).requestReconciliation(p.scope(p.actors.auditor)), "forbidden", 403);
    await startWorkers();
    try {
      await (await fixes()).requestReconciliation(p.scope(p.actors.operator));
      const done = () =>
        p.db.reconRun.findFirst({ where: { triggeredBy: p.actors.operator.email, finishedAt: { not: null } } });
      await until(async () => (await done()) !== null, "the reconcile job", { timeoutMs: 30_000 });
      expect(await done()).toMatchObject({ environmentId: p.environmentId });
    } finally {
      await stopBoss();
    }
  });

  it("the requests list pages newest first, 50 at a time, and returns every request exactly once", async () => {
    const p = ref();
    const { listRequestPage } = await import("@/lib/requests/queries");
    const all = await p.db.systemUserRequest.findMany({
      where: { system: { environmentId: p.environmentId } },
      select: { id: true, createdAt: true, status: true },
    });
    expect(all.length).toBeGreaterThan(50);
    // Ties on createdAt must not lose or repeat rows at a page boundary.
    const tied = all.slice(0, 60).map((r) => r.id);
    await p.db.systemUserRequest.updateMany({
      where: { id: { in: tied } },
      data: { createdAt: new Date("2026-01-01T00:00:00.000Z") },
    });
    const walk = async (filter: Record<string, string>) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page = await listRequestPage(p.scope(p.actors.auditor), {
          ...filter,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.requests.length).toBeLessThanOrEqual(50);
        ids.push(...page.requests.map((r) => r.id));
        cursor = page.nextCursor;
        if (!cursor) return ids;
        expect(page.requests).toHaveLength(50);
      }
      throw new Error("paging never ended");
    };
    const ids = await walk({});
    expect(ids).toHaveLength(all.length);
    expect(new Set(ids).size).toBe(all.length);
    const rows = await p.db.systemUserRequest.findMany({
      where: { id: { in: ids } },
      select: { id: true, createdAt: true },
    });
    const at = new Map(rows.map((r) => [r.id, r.createdAt.getTime()]));
    const order = ids.map((id) => [at.get(id) ?? 0, id] as const);
    // createdAt desc, then id desc.
    expect(order).toEqual([...order].sort((a, b) => b[0] - a[0] || (b[1] < a[1] ? -1 : b[1] > a[1] ? 1 : 0)));

    const waiting = await walk({ status: "New" });
    expect(waiting.sort()).toEqual(
      all
        .filter((r) => r.status === "New")
        .map((r) => r.id)
        .sort(),
    );
    const one = await listRequestPage(p.scope(p.actors.auditor), {
      q: `${(PAGING[0] ?? "").slice(0, 3)} ${(PAGING[0] ?? "").slice(3)}`,
    });
    expect(one.requests.map((r) => r.customer.orgNo)).toEqual([PAGING[0]]);
    const start = (PAGING[0] ?? "").slice(0, 5);
    const prefix = await walk({ q: start });
    const withPrefix = await p.db.systemUserRequest.findMany({
      where: { system: { environmentId: p.environmentId }, customer: { orgNo: { startsWith: start } } },
      select: { id: true },
    });
    expect(prefix.sort()).toEqual(withPrefix.map((r) => r.id).sort());
    expect(prefix.length).toBeGreaterThanOrEqual(PAGING.length);
    // A stale or forged cursor shows the first page instead of an error.
    const forged = await listRequestPage(p.scope(p.actors.auditor), { cursor: "not-a-cursor" });
    expect(forged.requests.map((r) => r.id)).toEqual(ids.slice(0, 50));
  });
}
