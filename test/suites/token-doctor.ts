import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch, emulatorStats } from "../emulator-api";
import {
  decideRequest,
  emulatorCallCount,
  moveClock,
  registerAtMaskinporten,
  removeFromMaskinporten,
} from "../emulator-controls";
import { addOrganisations, altinnCall, CALLBACK, editOf } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedRequest, seedSystem } from "../seed";
import { LOCAL_ENVIRONMENT } from "@/lib/environments/local";

// Tokens are for the system that holds the environment's Maskinporten client (Altinn allows one per
// client): this suite registers one and gives the client id back afterwards. CUSTOMER_ORG and SECOND_ORG
// hold approved standard system users of it; NO_USER_ORG holds none; OTHER_CUSTOMER_ORG holds one on a
// system without the client.
const [CUSTOMER_ORG = "", SECOND_ORG = "", NO_USER_ORG = "", OTHER_CUSTOMER_ORG = ""] = orgNumbers(
  4,
  ORG_BLOCKS.tokenDoctor,
);
const BAD_ORG = `${CUSTOMER_ORG.slice(0, 8)}${(Number(CUSTOMER_ORG[8]) + 1) % 10}`; // check digit off by one
const FACILITATOR = "314250052"; // Granlia Regnskapskontor (accounting firm)
const ITS_CLIENT = "310609544"; // a client of Granlia in the emulator's register
const AGENT_PACKAGE = "urn:altinn:accesspackage:regnskapsforer-lonn";
const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
const EXCHANGE = "GET /authentication/api/v1/exchange/:tokenProvider";

const doctorModule = () => import("@/lib/tokens/doctor");

const stepIds = (r: { steps: { id: string; ok: boolean }[] }) => r.steps.map((s) => [s.id, s.ok]);

export function tokenDoctorTests(ref: PortalRef) {
  const seeded = { systemRowId: "", systemId: "", customerRef: "", secondRef: "" };

  async function runDoctor(p: Portal, orgNo: string, externalRef?: string, systemId = seeded.systemId) {
    const { runTokenDoctor } = await doctorModule();
    const system = await p.db.system.findFirstOrThrow({
      where: { systemId, environmentId: p.environmentId },
      select: { id: true },
    });
    return runTokenDoctor(p.scope(p.actors.operator), { systemId: system.id, orgNo, externalRef });
  }

  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [CUSTOMER_ORG, SECOND_ORG, NO_USER_ORG, OTHER_CUSTOMER_ORG]);
    const system = await seedSystem(p, { prefix: "doctor", clientIds: [LOCAL_ENVIRONMENT.clientId] });
    const first = await seedRequest(p, { system, orgNo: CUSTOMER_ORG, outcome: "approved" });
    const second = await seedRequest(p, { system, orgNo: SECOND_ORG, outcome: "approved" });
    Object.assign(seeded, {
      systemRowId: system.id,
      systemId: system.systemId,
      customerRef: first.externalRef,
      secondRef: second.externalRef,
    });
  });

  afterAll(async () => {
    // The environment's client id is free again for whoever needs it next.
    const p = ref();
    const { updateSystem } = await import("@/lib/systems/edit");
    const row = await p.db.system.findUniqueOrThrow({ where: { id: seeded.systemRowId } });
    await updateSystem(p.scope(p.actors.admin), { ...editOf(row), clientIds: [] });
  });

  it("fetches a system-user token, shows its claims, and the service owner's API answers 200 with it", async () => {
    const p = ref();
    const SYSTEM_ID = seeded.systemId;
    const linked = await p.db.systemUser.findFirstOrThrow({
      where: { customer: { orgNo: CUSTOMER_ORG }, systemId: seeded.systemRowId },
      select: { altinnSystemUserId: true },
    });
    const report = await runDoctor(p, CUSTOMER_ORG, seeded.customerRef);
    expect(stepIds(report)).toEqual([
      ["token", true],
      ["claims", true],
      ["serviceOwner", true],
      ["exchange", true],
    ]);
    expect(report.claims?.header).toMatchObject({ alg: "RS256" });
    expect(report.claims?.payload).toMatchObject({
      consumer: { authority: "iso6523-actorid-upis", ID: "0192:991825827" },
      authorization_details: [
        {
          type: "urn:altinn:systemuser",
          system_id: SYSTEM_ID,
          systemuser_id: [linked.altinnSystemUserId],
          systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${CUSTOMER_ORG}` },
        },
      ],
    });
    expect(report.serviceOwner).toMatchObject({
      status: 200,
      body: { orgNo: CUSTOMER_ORG, systemUserId: linked.altinnSystemUserId },
    });
    expect(report.serviceOwner?.url).toBe(`${p.emulatorUrl}/serviceowner/api/v1/skattegrunnlag/${CUSTOMER_ORG}`);
    // The exchanged Altinn token keeps the system-user details and gains Altinn's own claims.
    expect(report.exchangedClaims?.payload).toMatchObject({
      "urn:altinn:authenticatemethod": "maskinporten",
      authorization_details: [{ system_id: SYSTEM_ID }],
    });
    // Claims are shown, never a token.
    expect(JSON.stringify(report)).not.toMatch(JWT);
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "token.diagnose" },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({
      actorId: p.actors.operator.id,
      outcome: "success",
      targetId: CUSTOMER_ORG,
      detail: { orgNo: CUSTOMER_ORG, systemId: SYSTEM_ID, serviceOwnerStatus: 200 },
    });
    expect(JSON.stringify(audit.detail)).not.toMatch(JWT);
    // Every Maskinporten and Altinn call is in the call log, and no token is.
    const calls = await p.db.outboundCall.findMany({ orderBy: { seq: "desc" }, take: 5, select: { path: true } });
    expect(calls.map((c) => c.path)).toContain("/authentication/api/v1/exchange/maskinporten");
  });

  it("MP-303, no system user for the org: says so and links to creating a request", async () => {
    const p = ref();
    const SYSTEM_ID = seeded.systemId;
    const report = await runDoctor(p, NO_USER_ORG);
    expect(stepIds(report)).toEqual([
      ["token", false],
      ["diagnosis", false],
    ]);
    expect(report).toMatchObject({ code: "MP-303", cause: "no_system_user" });
    expect(report.steps[1]?.detail.en).toBe(
      `${NO_USER_ORG} has no system user for ${SYSTEM_ID} in Altinn. The customer must approve a system-user request first.`,
    );
    expect(report.steps[1]?.fix?.href).toBe("/requests");
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "token.diagnose" },
      orderBy: { seq: "desc" },
    });
    expect(audit).toMatchObject({
      outcome: "failure",
      detail: { code: "MP-303", cause: "no_system_user", orgNo: NO_USER_ORG },
    });
  });

  it("MP-303, wrong externalRef: names the externalRef the system user was created with", async () => {
    const p = ref();
    const report = await runDoctor(p, CUSTOMER_ORG, "crm-4711");
    expect(report).toMatchObject({ code: "MP-303", cause: "wrong_external_ref" });
    expect(report.steps[1]?.detail.en).toContain(
      `but with externalRef "${seeded.customerRef}"; the grant sent "crm-4711"`,
    );
    // Sent without one, Maskinporten looks for the org number, which these customers' system users are
    // not created with: the same diagnosis, naming the default.
    const bare = await runDoctor(p, CUSTOMER_ORG);
    expect(bare).toMatchObject({ code: "MP-303", cause: "wrong_external_ref" });
    expect(bare.steps[1]?.detail.en).toContain(
      `but with externalRef "${seeded.customerRef}"; the grant sent "${CUSTOMER_ORG}" (the default: the org number)`,
    );
    expect(report.steps[1]?.fix?.href).toBe("/customers");
  });

  it("MP-303, client id not on the system: points at the system to add it to", async () => {
    const p = ref();
    // A second system without the client, and a customer whose only system user is on it.
    const created = await seedSystem(p, { prefix: "doctor-noclient", clientIds: [] });
    const other = await seedRequest(p, { system: created, orgNo: OTHER_CUSTOMER_ORG, outcome: "approved" });
    expect(other.altinnSystemUserId).not.toBeNull();

    const report = await runDoctor(p, OTHER_CUSTOMER_ORG, other.externalRef, created.systemId);
    expect(report).toMatchObject({ code: "MP-303", cause: "client_not_on_system" });
    expect(report.steps[1]?.detail.en).toContain(`is not on the system ${created.systemId}`);
    expect(report.steps[1]?.detail.en).toContain(`The client is on ${seeded.systemId}.`);
    expect(report.steps[1]?.fix?.href).toBe(`/systems/${created.id}`);
  });

  it("MP-303, agent system user addressed with the client's org: the grant must name the facilitator", async () => {
    const p = ref();
    const SYSTEM_ID = seeded.systemId;
    const packages = (await altinnCall(p, `/systemregister/vendor/${SYSTEM_ID}`)).json as {
      accessPackages: { urn: string }[];
    };
    const original = packages.accessPackages.map((x) => ({ urn: x.urn }));
    let agentUserId: string | undefined;
    try {
      expect(
        (
          await altinnCall(p, `/systemregister/vendor/${SYSTEM_ID}/accesspackages`, "PUT", [
            ...original,
            { urn: AGENT_PACKAGE },
          ])
        ).status,
      ).toBe(200);
      const created = await altinnCall(p, "/systemuser/request/vendor/agent", "POST", {
        systemId: SYSTEM_ID,
        partyOrgNo: FACILITATOR,
        accessPackages: [{ urn: AGENT_PACKAGE }],
        redirectUrl: CALLBACK,
      });
      expect(created.status).toBe(201);
      const id = z.object({ id: z.uuid() }).parse(created.json).id;
      await decideRequest(p, id, "approve", "agent");
      const agent = await altinnCall(p, `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${FACILITATOR}`);
      agentUserId = z.object({ id: z.uuid() }).parse(agent.json).id;

      const report = await runDoctor(p, ITS_CLIENT);
      expect(report).toMatchObject({ code: "MP-303", cause: "agent_needs_facilitator" });
      expect(report.steps[1]?.detail.en).toContain(
        `the grant must name the facilitator (systemuser_org = ${FACILITATOR}), not the client's org number`,
      );
      // Named correctly, the same system user works.
      const right = await runDoctor(p, FACILITATOR);
      expect(right.steps[0]).toMatchObject({ id: "token", ok: true });
      expect(right.claims?.payload).toMatchObject({ authorization_details: [{ systemuser_id: [agentUserId] }] });
    } finally {
      if (agentUserId) await emulatorFetch(p.emulatorUrl, `/emulator/systemusers/${agentUserId}`, { method: "DELETE" });
      await altinnCall(p, `/systemregister/vendor/${SYSTEM_ID}/accesspackages`, "PUT", original);
    }
  });

  it("explains other Maskinporten failures too (unknown key: MP-100, with a link to the keys)", async () => {
    const p = ref();
    const key = (await p.m.keys.listKeys(p.scope(p.actors.admin))).find((k) => k.kid === p.kid);
    if (!key) throw new Error(`no key ${p.kid}`);
    await removeFromMaskinporten(p, p.kid);
    try {
      const report = await runDoctor(p, CUSTOMER_ORG);
      expect(report).toMatchObject({
        code: "MP-100",
        steps: [{ id: "token", ok: false, fix: { href: "/environment" } }],
      });
      expect(report.steps[0]?.detail.en).toContain("public key registered");
    } finally {
      await registerAtMaskinporten(p, [key.publicJwk]);
    }
  });

  it("50 concurrent system-user token requests cost exactly one grant", async () => {
    const p = ref();
    const { getSystemUserToken } = await import("@/lib/integrations/maskinporten/tokens");
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    p.m.tokens.clearTokenCache(p.environmentId);
    const before = (await emulatorStats(p.emulatorUrl)).tokenGrants;
    const tokens = await Promise.all(
      Array.from({ length: 50 }, () =>
        getSystemUserToken(p.m.connect(environment), { orgNo: CUSTOMER_ORG, externalRef: seeded.customerRef }),
      ),
    );
    expect(new Set(tokens).size).toBe(1);
    expect((await emulatorStats(p.emulatorUrl)).tokenGrants - before).toBe(1);
    // Another system-user context (another customer) is another cache entry, and the vendor's own
    // token is separate from both; the first one is still served from the cache.
    await getSystemUserToken(p.m.connect(environment), { orgNo: SECOND_ORG, externalRef: seeded.secondRef });
    await p.m.tokens.getAccessToken(p.m.connect(environment));
    await expect(
      getSystemUserToken(p.m.connect(environment), { orgNo: CUSTOMER_ORG, externalRef: seeded.customerRef }),
    ).resolves.toBe(tokens[0]);
    expect((await emulatorStats(p.emulatorUrl)).tokenGrants - before).toBe(3);
  });

  it("caches the Altinn token exchange: two calls, one exchange", async () => {
    const p = ref();
    const { getExchangedToken } = await import("@/lib/integrations/altinn/exchange");
    const { getSystemUserToken, systemUserCacheKey } = await import("@/lib/integrations/maskinporten/tokens");
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    p.m.tokens.clearTokenCache(p.environmentId);
    const context = { orgNo: CUSTOMER_ORG, externalRef: seeded.customerRef };
    const exchanges = () => emulatorCallCount(p, EXCHANGE, 200);
    const before = await exchanges();
    const key = systemUserCacheKey(environment, context);
    const [a, b] = await Promise.all(
      [1, 2].map(() =>
        getExchangedToken(p.m.connect(environment), key, () => getSystemUserToken(p.m.connect(environment), context)),
      ),
    );
    const c = await getExchangedToken(p.m.connect(environment), key, () =>
      getSystemUserToken(p.m.connect(environment), context),
    );
    expect(a?.token).toBe(c.token);
    expect(b?.token).toBe(c.token);
    expect((await exchanges()) - before).toBe(1);
    expect(c.expiresAt).toBeGreaterThan(Date.now() + 20 * 60_000); // Altinn tokens live 30 min
  });

  it("a clock far off: clock_skew with the measured offset", async () => {
    const p = ref();
    await moveClock(p, { advanceMs: 5 * 60_000 });
    try {
      p.m.tokens.clearTokenCache(p.environmentId);
      const report = await runDoctor(p, CUSTOMER_ORG, seeded.customerRef);
      expect(report).toMatchObject({ code: "clock_skew", steps: [{ id: "token", ok: false }] });
      const offset = Number(/differs from Maskinporten's by (\d+) s/.exec(report.steps[0]?.detail.en ?? "")?.[1]);
      expect(offset).toBeGreaterThanOrEqual(298);
      expect(offset).toBeLessThanOrEqual(302);
      expect(report.steps[0]?.detail.en).toContain("grants must be within ±10 s");
    } finally {
      await moveClock(p, { advanceMs: -5 * 60_000 });
    }
    const after = await runDoctor(p, CUSTOMER_ORG, seeded.customerRef);
    expect(after.steps[0]).toMatchObject({ id: "token", ok: true });
  });

  it("is for admins and operators, and refuses a bad org number before calling anyone", async () => {
    const p = ref();
    const { runTokenDoctor } = await doctorModule();
    const input = { environmentId: p.environmentId, systemId: seeded.systemRowId, orgNo: CUSTOMER_ORG };
    await expect(runTokenDoctor(p.scope(p.actors.auditor), input)).rejects.toMatchObject({ code: "forbidden" });
    const before = (await emulatorStats(p.emulatorUrl)).tokenGrants;
    await expect(runTokenDoctor(p.scope(p.actors.admin), { ...input, orgNo: BAD_ORG })).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect((await emulatorStats(p.emulatorUrl)).tokenGrants).toBe(before);
  });
}
