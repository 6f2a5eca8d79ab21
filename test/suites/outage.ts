import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { freePort } from "../databases";
import { emulatorStats } from "../emulator-api";
import { addOrganisations, altinnCall, counts, expectAppError, withDeadUrl } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedRequest, seedSystem, type SeededSystem } from "../seed";

// CONNECTED was onboarded before the outage; OTHER_CUSTOMER_ORG is asked for during it.
const [CONNECTED = "", OTHER_CUSTOMER_ORG = ""] = orgNumbers(2, ORG_BLOCKS.outage);

async function expectNothingButAFailure(p: Portal, attempt: () => Promise<unknown>, code: string) {
  const before = await counts(p);
  const altinnBefore = await emulatorStats(p.emulatorUrl);
  await expectAppError(attempt(), code, 503);
  expect(await counts(p)).toEqual({ ...before, audit: before.audit + 1 });
  expect((await emulatorStats(p.emulatorUrl)).requests).toBe(altinnBefore.requests);
  const event = await p.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
  expect(event).toMatchObject({
    action: "request.create",
    outcome: "failure",
    detail: { code, orgNo: OTHER_CUSTOMER_ORG, via: "operator" },
  });
}

export function outageTests(ref: PortalRef) {
  let system: SeededSystem;
  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [CONNECTED, OTHER_CUSTOMER_ORG]);
    system = await seedSystem(p, { prefix: "outage" });
    await seedRequest(p, { system, orgNo: CONNECTED, outcome: "approved" });
  });

  it("writes no request when Altinn does not answer", async () => {
    const p = ref();
    await withDeadUrl(p, "altinnBaseUrl", async () => {
      const scope = await p.freshScope(p.actors.operator);
      const create = () => p.m.requests.createRequest(scope, { systemId: system.id, orgNo: OTHER_CUSTOMER_ORG });
      await expectNothingButAFailure(p, create, "altinn_unreachable");
    });
  });

  it("writes no request when Maskinporten does not answer", async () => {
    const p = ref();
    await withDeadUrl(p, "maskinportenTokenUrl", async () => {
      const scope = await p.freshScope(p.actors.operator);
      const create = () => p.m.requests.createRequest(scope, { systemId: system.id, orgNo: OTHER_CUSTOMER_ORG });
      await expectNothingButAFailure(p, create, "maskinporten_unreachable");
    });
  });

  it("loses nothing: earlier data is intact and a retry works once Altinn is back", async () => {
    const p = ref();
    // As an outage may leave the environment: the next start (bootstrap) puts the emulator's URLs back.
    const dead = `http://127.0.0.1:${await freePort()}`;
    await p.db.environment.update({
      where: { id: p.environmentId },
      data: { altinnBaseUrl: dead, maskinportenTokenUrl: `${dead}/token` },
    });
    await p.m.bootstrap.ensureLocalEnvironment();
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    expect(environment.altinnBaseUrl).toBe(p.emulatorUrl);
    expect(environment.maskinportenTokenUrl).toBe(`${p.emulatorUrl}/token`);
    const before = await counts(p);
    const retry = await p.m.requests.createRequest(await p.freshScope(p.actors.operator), {
      systemId: system.id,
      orgNo: OTHER_CUSTOMER_ORG,
    });
    expect(retry).toMatchObject({ status: "New", existed: false });
    expect(await counts(p)).toEqual({
      ...before,
      customers: before.customers + 1,
      requests: before.requests + 1,
      audit: before.audit + 1,
    });
    const statuses = await p.db.systemUserRequest.findMany({
      where: { systemId: system.id },
      select: { status: true, customer: { select: { orgNo: true } } },
      orderBy: { createdAt: "asc" },
    });
    expect(statuses).toEqual([
      { status: "Accepted", customer: { orgNo: CONNECTED } },
      { status: "New", customer: { orgNo: OTHER_CUSTOMER_ORG } },
    ]);
    await expect(p.m.audit.verifyAuditChain(p.actors.auditor)).resolves.toMatchObject({ ok: true });
  });
  it("keeps a request Altinn no longer knows, and tells the customer it has expired", async () => {
    const p = ref();
    const row = await p.db.systemUserRequest.findFirstOrThrow({
      where: { status: "New", customer: { orgNo: OTHER_CUSTOMER_ORG } },
    });
    expect((await altinnCall(p, `/systemuser/request/vendor/${row.altinnRequestId}`, "DELETE")).status).toBe(202);
    const before = await counts(p);
    await expect(p.m.onboarding.completeOnboarding(row.id)).resolves.toMatchObject({ kind: "expired", ref: row.id });
    await expect(p.m.requests.refreshRequest(p.scope(p.actors.operator), row.id)).resolves.toEqual({
      status: "New",
      missingInAltinn: true,
    });
    expect(await counts(p)).toEqual(before);
    await expect(p.db.systemUserRequest.findUniqueOrThrow({ where: { id: row.id } })).resolves.toMatchObject({
      status: "New",
      confirmUrl: row.confirmUrl,
    });
  });
}
