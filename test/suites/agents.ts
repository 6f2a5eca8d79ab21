import { createHash } from "node:crypto";
import { decodeJwt } from "jose";
import { expect, it } from "vitest";
import { z } from "zod";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch } from "../emulator-api";
import { decideRequest, emulatorCallCount as calls, moveClock } from "../emulator-controls";
import { EXTERNAL_REF_PATTERN } from "@/lib/customers/external-ref";
import { ENVIRONMENT_PRESETS } from "@/lib/environments/schema";
import { expectAppError, pollOnly } from "../helpers";
import { seedRequest, seedSystem, type SeededSystem } from "../seed";

// Agent (client) system users: requests through the agent endpoints, and the client administrator's
// side (client delegation, CONTRACT §5.2) against the emulator's register:
//   Granlia Regnskapskontor 314250052 (Ola 15029054321 is klientadministrator) serves 310609544 and
//   312345129 (med-signering + lønn), 310904473 (med-signering only) and 311876546 (uten-signering).
//   Tallkloa 310555010 (Per 30066811223 is tilgangsstyrer) serves 317000421 (med-signering + lønn).
const GRANLIA = "314250052";
const TALLKLOA = "310555010";
const FJELLVIK_CLIENT = "313469999"; // a client of Fjellvik Revisjon, not of Granlia
const OLA = "15029054321";
const PER = "30066811223";
const AISHA = "09128833445"; // no role in Granlia
const PKG = "urn:altinn:accesspackage:";
const MED_SIGN = `${PKG}regnskapsforer-med-signeringsrettighet`;
const LONN = `${PKG}regnskapsforer-lonn`;
const SKATT = `${PKG}skattegrunnlag`;
const CLIENTS_PATH = "/authentication/api/v1/enduser/systemuser/clients";
const AGENT_CREATE = "POST /authentication/api/v1/systemuser/request/vendor/agent";
const AGENT_GET = "GET /authentication/api/v1/systemuser/request/vendor/agent/:requestId";
const STD_CREATE = "POST /authentication/api/v1/systemuser/request/vendor";

async function personToken(p: Portal, pid: string): Promise<string> {
  const res = await emulatorFetch(p.emulatorUrl, "/emulator/tokens/person", {
    body: { pid, scopes: ["altinn:clientdelegations.read", "altinn:clientdelegations.write"] },
  });
  return z.object({ token: z.string() }).parse(res.json).token;
}

async function context(p: Portal, pid: string, org: string) {
  const token = await personToken(p, pid);
  const exp = decodeJwt(token).exp ?? 0;
  const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
  return { session: { env: environment.slug, token, exp, sub: `pairwise-${pid}` }, environment, org };
}

/** An agent request for the facilitator, approved in the emulator; returns the agent system user id. */
async function approvedAgent(p: Portal, system: SeededSystem, org: string): Promise<string> {
  const seeded = await seedRequest(p, { system, orgNo: org, kind: "agent", outcome: "approved" });
  const linked = await p.db.systemUser.findUniqueOrThrow({ where: { requestId: seeded.id } });
  expect(linked.userType).toBe("agent");
  return linked.altinnSystemUserId;
}

export function agentTests(ref: PortalRef) {
  const state = { bothSystem: "", agentA: "", agentB: "", requestId: "" };
  let signSystem: SeededSystem;

  it("creates an agent request through the agent endpoint with the delegable packages only, idempotently", async () => {
    const p = ref();
    const both = await seedSystem(p, { prefix: "klient-lonn", accessPackages: [MED_SIGN, LONN, SKATT] });
    state.bothSystem = both.id;
    const agentBefore = await calls(p, AGENT_CREATE);
    const first = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: both.id,
      orgNo: GRANLIA,
      kind: "agent",
    });
    expect(first).toMatchObject({ status: "New", existed: false });
    expect(new URL(first.confirmUrl).pathname).toBe("/accessmanagement/ui/systemuser/agentrequest");
    const row = await p.db.systemUserRequest.findUniqueOrThrow({
      where: { id: first.id },
      include: { customer: true },
    });
    // skattegrunnlag is not delegable, so an agent request must not carry it (AUTH-00065 otherwise). Its
    // externalRef is the customer's own (opaque, made when the firm was first seen here) plus -agent.
    expect(row.customer.externalRef).toMatch(EXTERNAL_REF_PATTERN);
    expect(row).toMatchObject({
      kind: "agent",
      accessPackages: [MED_SIGN, LONN],
      externalRef: `${row.customer.externalRef}-agent`,
    });
    const again = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: both.id,
      orgNo: GRANLIA,
      kind: "agent",
    });
    expect(again).toMatchObject({ id: first.id, existed: true });
    expect(await calls(p, AGENT_CREATE)).toBe(agentBefore + 2);
    expect(await p.db.systemUserRequest.count({ where: { altinnRequestId: row.altinnRequestId } })).toBe(1);
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "request.create_agent", targetId: first.id },
    });
    expect(audit.detail).toMatchObject({ kind: "agent", orgNo: GRANLIA });
    state.requestId = first.id;
  });

  it("sends a standard request only the packages a standard user can hold, and explains a system without the needed kind", async () => {
    const p = ref();
    const stdBefore = await calls(p, STD_CREATE);
    const standard = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.bothSystem,
      orgNo: TALLKLOA,
    });
    const row = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: standard.id } });
    expect(row).toMatchObject({ kind: "standard", accessPackages: [SKATT] });
    expect(await calls(p, STD_CREATE)).toBe(stdBefore + 1);

    const clientOnly = await seedSystem(p, { prefix: "klient-sign", accessPackages: [MED_SIGN] });
    signSystem = clientOnly;
    const plain = await seedSystem(p, { prefix: "bare-skatt", accessPackages: [SKATT] });
    const before = await p.db.systemUserRequest.count();
    const std = await expectAppError(
      p.m.requests.createRequest(p.scope(p.actors.operator), { systemId: clientOnly.id, orgNo: TALLKLOA }),
      "no_standard_packages",
      409,
    );
    expect(std.userMessage.en).toContain("create an agent request instead");
    const agent = await expectAppError(
      p.m.requests.createRequest(p.scope(p.actors.operator), { systemId: plain.id, orgNo: GRANLIA, kind: "agent" }),
      "no_client_packages",
      409,
    );
    expect(agent.userMessage.nb).toContain("klientsystembruker");
    expect(await p.db.systemUserRequest.count()).toBe(before);
    expect(await calls(p, STD_CREATE)).toBe(stdBefore + 1);
  });

  it("syncs, polls and renews agent requests through the agent endpoints", async () => {
    const p = ref();
    const row = await p.db.systemUserRequest.findUniqueOrThrow({
      where: { id: state.requestId },
      include: { customer: true },
    });
    const getsBefore = await calls(p, AGENT_GET);
    await decideRequest(p, row.altinnRequestId, "approve", "agent");
    await p.db.systemUserRequest.update({ where: { id: row.id }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
    expect(await pollOnly(p, [row.id])).toEqual({ checked: 1, changed: 1, failed: 0, renewed: 0 });
    const polled = await p.db.systemUserRequest.findUniqueOrThrow({
      where: { id: row.id },
      include: { systemUser: true },
    });
    expect(polled).toMatchObject({ status: "Accepted", nextCheckAt: null });
    expect(polled.systemUser).toMatchObject({ userType: "agent", externalRef: `${row.customer.externalRef}-agent` });
    // One read of the request, through the agent endpoint.
    expect(await calls(p, AGENT_GET)).toBe(getsBefore + 1);
    state.agentA = polled.systemUser?.altinnSystemUserId ?? "";

    // Renew: a rejected agent request is deleted and created again through the agent endpoint.
    const rejected = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.bothSystem,
      orgNo: TALLKLOA,
      kind: "agent",
    });
    const rejectedRow = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: rejected.id } });
    await decideRequest(p, rejectedRow.altinnRequestId, "reject", "agent");
    expect((await p.m.requests.refreshRequest(p.scope(p.actors.operator), rejected.id)).status).toBe("Rejected");
    const createsBefore = await calls(p, AGENT_CREATE);
    const renewed = await p.m.requestRenew.renewRequest(p.scope(p.actors.operator), rejected.id);
    expect(renewed.renewedFrom).toBe(rejected.id);
    expect(await calls(p, AGENT_CREATE)).toBe(createsBefore + 1);
    const renewedRow = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: renewed.id } });
    expect(renewedRow).toMatchObject({ kind: "agent", status: "New", accessPackages: [MED_SIGN, LONN] });
    expect(new URL(renewedRow.confirmUrl).pathname).toBe("/accessmanagement/ui/systemuser/agentrequest");

    // The public callback looks the request up server-side and reads it through the agent endpoint too.
    const getsBeforeCallback = await calls(p, AGENT_GET);
    expect(await p.m.onboarding.completeOnboarding(renewed.id)).toMatchObject({ kind: "pending", orgNo: TALLKLOA });
    await decideRequest(p, renewedRow.altinnRequestId, "approve", "agent");
    expect(await p.m.onboarding.completeOnboarding(renewed.id)).toMatchObject({ kind: "connected" });
    expect(await calls(p, AGENT_GET)).toBe(getsBeforeCallback + 2);
  });

  it("shows the client administrator the agents with available and assigned clients, and refuses a person without the role", async () => {
    const p = ref();
    state.agentB = await approvedAgent(p, signSystem, GRANLIA);
    const ctx = await context(p, OLA, GRANLIA);
    const overview = await p.m.clientDelegation.clientOverview(ctx);
    const byId = new Map(overview.map((a) => [a.id, a]));
    expect(
      byId
        .get(state.agentA)
        ?.available.map((c) => c.clientOrganizationNumber)
        .sort(),
    ).toEqual(["310609544", "312345129"]);
    expect(
      byId
        .get(state.agentB)
        ?.available.map((c) => c.clientOrganizationNumber)
        .sort(),
    ).toEqual(["310609544", "310904473", "312345129"]);
    expect(byId.get(state.agentA)?.assigned).toEqual([]);
    await expectAppError(
      p.m.clientDelegation.clientOverview(await context(p, AISHA, GRANLIA)),
      "client_admin_forbidden",
      403,
    );
  });

  it("assigns all available clients server-side and reports per client, including a failing one", async () => {
    const p = ref();
    const ctx = await context(p, OLA, GRANLIA);
    const job = await p.m.clientAssign.startAssignAll(ctx, state.agentA, { kick: false });
    // A client that was available when listed but no longer grants the packages (the client withdrew
    // "lønn" in between): Altinn refuses it with AUTH-00080, and only that client fails.
    const withdrawn = (await p.m.clientDelegation.clientOverview(ctx))
      .find((a) => a.id === state.agentB)
      ?.available.find((c) => c.clientOrganizationNumber === "310904473");
    expect(withdrawn).toBeDefined();
    await p.db.clientAssignItem.create({
      data: {
        jobId: job.id,
        clientId: withdrawn?.clientId ?? "",
        clientOrgNo: "310904473",
        clientName: withdrawn?.clientOrganizationName ?? "",
      },
    });
    expect((await p.m.clientAssign.startAssignAll(ctx, state.agentA, { kick: false })).id).toBe(job.id);

    const run = await p.m.clientAssign.processAssignJobs();
    expect(run).toMatchObject({ assigned: 2, failed: 1, finished: 1 });
    const report = await p.m.clientAssign.assignJobReport(ctx, job.id);
    expect(report).toMatchObject({ status: "done", total: 3, done: 2, failed: 1, pending: 0 });
    expect(report.items.map((i) => [i.clientOrgNo, i.status])).toEqual([
      ["310609544", "done"],
      ["310904473", "failed"],
      ["312345129", "done"],
    ]);
    expect(report.items.find((i) => i.status === "failed")?.lastError).toContain("AUTH-00080");
    expect((await p.db.clientAssignJob.findUniqueOrThrow({ where: { id: job.id } })).tokenEnc).toBeNull();
    const assigned = (await p.m.clientDelegation.clientOverview(ctx)).find((a) => a.id === state.agentA);
    expect(assigned?.assigned.map((c) => c.clientOrganizationNumber).sort()).toEqual(["310609544", "312345129"]);
    expect(assigned?.available).toEqual([]);
    await expect(
      p.db.auditEvent.findFirstOrThrow({ where: { action: "clients.assign_all", targetId: job.id } }),
    ).resolves.toMatchObject({ actorType: "customer", detail: { org: GRANLIA, clients: 2 } });
    // Another person cannot read the job.
    await expectAppError(
      p.m.clientAssign.assignJobReport({ ...ctx, session: { ...ctx.session, sub: "someone-else" } }, job.id),
      "not_found",
      404,
    );

    // One client at a time, both ways, audited.
    const one = assigned?.assigned[0]?.clientId ?? "";
    await p.m.clientDelegation.changeOneClient(ctx, state.agentA, one, "remove");
    await p.m.clientDelegation.changeOneClient(ctx, state.agentA, one, "add");
    expect(
      await p.db.auditEvent.count({
        where: { action: { in: ["clients.assign", "clients.unassign"] }, targetId: state.agentA, outcome: "success" },
      }),
    ).toBe(2);
  });

  it("resumes after a crash (lease expired) without assigning twice; two workers never take the same client", async () => {
    const p = ref();
    const ctx = await context(p, OLA, GRANLIA);
    const job = await p.m.clientAssign.startAssignAll(ctx, state.agentB, { kick: false });
    const [w1, w2] = await Promise.all([
      p.m.clientAssign.leaseItems(job.id, 2),
      p.m.clientAssign.leaseItems(job.id, 2),
    ]);
    const leased = [...(w1 ?? []), ...(w2 ?? [])];
    expect(leased).toHaveLength(3);
    expect(new Set(leased.map((i) => i.id)).size).toBe(3);
    expect(await p.m.clientAssign.leaseItems(job.id, 10)).toEqual([]);

    // The "crashed" worker got as far as Altinn for one client, then died before writing it down.
    const first = leased.find((i) => i.clientOrgNo === "310609544");
    const res = await emulatorFetch(p.emulatorUrl, `${CLIENTS_PATH}?agent=${state.agentB}&client=${first?.clientId}`, {
      method: "POST",
      token: ctx.session.token,
    });
    expect(res.status).toBe(200);
    await p.db.clientAssignItem.updateMany({
      where: { jobId: job.id },
      data: { leaseUntil: new Date(Date.now() - 1000) },
    });

    const postsBefore = await calls(p, `POST ${CLIENTS_PATH}`);
    const run = await p.m.clientAssign.processAssignJobs();
    expect(run).toMatchObject({ assigned: 3, failed: 0, finished: 1 });
    expect(await calls(p, `POST ${CLIENTS_PATH}`)).toBe(postsBefore + 2);
    const report = await p.m.clientAssign.assignJobReport(ctx, job.id);
    expect(report).toMatchObject({ status: "done", done: 3 });
    expect(report.items.every((i) => i.attempts === 2)).toBe(true);
    const delegated = await emulatorFetch(p.emulatorUrl, `${CLIENTS_PATH}?agent=${state.agentB}`, {
      token: ctx.session.token,
    });
    const orgs = z
      .object({ data: z.array(z.object({ clientOrganizationNumber: z.string() })) })
      .parse(delegated.json)
      .data.map((c) => c.clientOrganizationNumber);
    expect(orgs.sort()).toEqual(["310609544", "310904473", "312345129"]);
  });

  it("cancels a job, and pauses on an expired person token instead of failing clients, then continues after a new login", async () => {
    const p = ref();
    const agentT = await approvedAgent(p, signSystem, TALLKLOA);
    const ctx = await context(p, PER, TALLKLOA);
    const cancelled = await p.m.clientAssign.startAssignAll(ctx, agentT, { kick: false });
    await p.m.clientAssign.cancelAssignJob(ctx, cancelled.id);
    expect(await p.m.clientAssign.assignJobReport(ctx, cancelled.id)).toMatchObject({
      status: "cancelled",
      cancelled: 1,
      pending: 0,
    });
    expect((await p.db.clientAssignJob.findUniqueOrThrow({ where: { id: cancelled.id } })).tokenEnc).toBeNull();
    await expect(
      p.db.auditEvent.findFirstOrThrow({ where: { action: "clients.assign_all_cancel", targetId: cancelled.id } }),
    ).resolves.toMatchObject({ outcome: "success" });
    expect((await p.m.clientAssign.processAssignJobs()).assigned).toBe(0);

    // A double click (two starts at once) gets one job.
    const [job, twin] = await Promise.all([
      p.m.clientAssign.startAssignAll(ctx, agentT, { kick: false }),
      p.m.clientAssign.startAssignAll(ctx, agentT, { kick: false }),
    ]);
    expect(twin.id).toBe(job.id);
    expect(job.id).not.toBe(cancelled.id);
    expect(await p.db.clientAssignJob.count({ where: { agentSystemUserId: agentT, status: "running" } })).toBe(1);
    // Altinn's clock passes the token's 30 minutes: Altinn answers 401, the job pauses.
    await moveClock(p, { advanceMs: 31 * 60_000 });
    try {
      const run = await p.m.clientAssign.processAssignJobs();
      expect(run).toMatchObject({ assigned: 0, failed: 0, paused: 1 });
    } finally {
      await moveClock(p, { reset: true });
    }
    const paused = await p.m.clientAssign.assignJobReport(ctx, job.id);
    expect(paused).toMatchObject({ status: "paused", pausedReason: "token_expired", pending: 1, failed: 0 });
    expect(paused.items[0]).toMatchObject({ status: "pending", attempts: 0 });
    expect((await p.db.clientAssignJob.findUniqueOrThrow({ where: { id: job.id } })).tokenEnc).toBeNull();
    expect((await p.m.clientAssign.processAssignJobs()).assigned).toBe(0);

    // Our own clock check pauses too, before calling Altinn at all.
    const fresh = await context(p, PER, TALLKLOA);
    await p.m.clientAssign.resumeAssignJob(fresh, job.id, { kick: false });
    await p.db.clientAssignJob.update({ where: { id: job.id }, data: { tokenExpiresAt: new Date(Date.now() - 1000) } });
    const postsBefore = await calls(p, `POST ${CLIENTS_PATH}`);
    expect(await p.m.clientAssign.processAssignJobs()).toMatchObject({ paused: 1, assigned: 0 });
    expect(await calls(p, `POST ${CLIENTS_PATH}`)).toBe(postsBefore);

    // "Log in again to continue": starting again resumes the paused job with the new login.
    const again = await p.m.clientAssign.startAssignAll(await context(p, PER, TALLKLOA), agentT, { kick: false });
    expect(again).toEqual({ id: job.id, existed: true });
    expect(await p.m.clientAssign.processAssignJobs()).toMatchObject({ assigned: 1, finished: 1 });
    expect(await p.m.clientAssign.assignJobReport(fresh, job.id)).toMatchObject({ status: "done", done: 1 });
  });

  it("explains why a client is not available: a missing access package, or no client relationship", async () => {
    const p = ref();
    const ctx = await context(p, OLA, GRANLIA);
    const explain = (orgNo: string) => p.m.clientDelegation.explainUnavailable(ctx, state.agentA, orgNo);
    const missing = await explain("310 904 473");
    expect(missing).toMatchObject({ kind: "missing_packages", missing: [LONN] });
    expect(missing.text.en).toContain("has a client relationship with 310904473");
    expect(missing.text.nb).toContain("«Regnskapsfører lønn»");
    const none = await explain(FJELLVIK_CLIENT);
    expect(none.kind).toBe("no_relationship");
    expect(none.text.en).toContain(`${GRANLIA} is not registered as accountant for ${FJELLVIK_CLIENT}`);
    expect(none.text.nb).toContain("ikke er registrert som regnskapsfører");
    expect((await explain("310609544")).kind).toBe("assigned");
    await expectAppError(explain("310904474"), "invalid_org_no", 400);
  });

  it("keeps the ID-porten issuer and client id per environment: https only, production confirmed, the emulator's prefilled", async () => {
    const p = ref();
    const base = {
      kind: "test" as const,
      name: "Agents tt02",
      vendorOrgNo: "991825827",
      clientId: "agents-mp-client",
      scopes: ["altinn:authentication/systemregister.write"],
      ...ENVIRONMENT_PRESETS.test,
      confirmUrlHosts: [...ENVIRONMENT_PRESETS.test.confirmUrlHosts],
    };
    for (const idportenIssuer of ["http://test.idporten.no", "test.idporten.no"]) {
      await expectAppError(
        p.m.environments.createEnvironment(p.actors.admin, { ...base, slug: "agents-bad", idportenIssuer }),
        "invalid_input",
        400,
      );
    }
    await expectAppError(
      p.m.environments.createEnvironment(p.actors.admin, {
        ...base,
        slug: "agents-bad",
        idportenClientId: "has space",
      }),
      "invalid_input",
      400,
    );
    expect(await p.db.environment.count({ where: { slug: "agents-bad" } })).toBe(0);
    const tt02 = await p.m.environments.createEnvironment(p.actors.admin, {
      ...base,
      slug: "agents-tt02",
      idportenClientId: "portal-idporten",
    });
    expect(tt02).toMatchObject({ idportenIssuer: "https://test.idporten.no", idportenClientId: "portal-idporten" });

    const prodInput = {
      ...base,
      ...ENVIRONMENT_PRESETS.production,
      confirmUrlHosts: ["am.ui.altinn.no"],
      kind: "production" as const,
      name: "Agents prod",
    };
    const prod = await p.m.environments.createEnvironment(p.actors.admin, { ...prodInput, slug: "agents-prod" });
    const { kind: _kind, ...prodSettings } = prodInput;
    void _kind;
    await expectAppError(
      p.m.environments.updateEnvironment(p.actors.operator, prod.id, {
        ...prodSettings,
        idportenClientId: "x",
        slugCheck: "agents-prod",
      }),
      "forbidden",
      403,
    );
    await expectAppError(
      p.m.environments.updateEnvironment(p.actors.admin, prod.id, {
        ...prodSettings,
        idportenClientId: "prod-idporten",
      }),
      "production_confirm",
      400,
    );
    const done = await p.m.environments.updateEnvironment(p.actors.admin, prod.id, {
      ...prodSettings,
      idportenClientId: "prod-idporten",
      slugCheck: "agents-prod",
    });
    expect(done.changed).toEqual(["idportenClientId"]);

    const local = await p.m.environments.loadEnvironmentById(p.environmentId);
    expect(local).toMatchObject({
      idportenIssuer: `${p.emulatorUrl}/idporten/`,
      idportenClientId: "portal-client-admin",
    });
    await expectAppError(
      p.m.environments.updateEnvironment(p.actors.admin, local.id, { ...local, idportenIssuer: "https://idporten.no" }),
      "emulator_urls_fixed",
      400,
    );

    // The login it starts: code flow with PKCE S256 at the discovered authorize endpoint, our one callback.
    const { beginLogin } = await import("@/lib/clients/idporten");
    const { url, pending } = await beginLogin(local, GRANLIA);
    const q = new URL(url).searchParams;
    expect(url.startsWith(`${p.emulatorUrl}/idporten/authorize?`)).toBe(true);
    expect(Object.fromEntries(q)).toMatchObject({
      response_type: "code",
      client_id: "portal-client-admin",
      redirect_uri: "http://127.0.0.1:3999/clients/callback",
      code_challenge_method: "S256",
      code_challenge: createHash("sha256").update(pending.verifier).digest("base64url"),
      state: pending.state,
      nonce: pending.nonce,
      scope: "openid altinn:clientdelegations.read altinn:clientdelegations.write",
    });
    // Without a client id there is no login to start, and nothing is fetched.
    await expectAppError(beginLogin({ ...tt02, idportenClientId: null }, GRANLIA), "idporten_not_configured", 409);
  });
}
