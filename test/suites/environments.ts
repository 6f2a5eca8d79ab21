import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorStats } from "../emulator-api";
import { addOrganisations, altinnCall, altinnRequestsOf, counts, expectAppError, lastAudit } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { openPublicPage, seedRequest, type SeededRequest } from "../seed";
import { ENVIRONMENT_PRESETS } from "@/lib/environments/schema";

// CUSTOMER has a request in Local (seeded); FRESH_CUSTOMER is asked for by the tests here.
const [CUSTOMER = "", FRESH_CUSTOMER = ""] = orgNumbers(2, ORG_BLOCKS.environments);

const tt02Input = {
  slug: "tt02",
  kind: "test" as const,
  name: "Test (tt02)",
  vendorOrgNo: "991825827",
  clientId: "a1b2c3d4-0000-4000-8000-000000000002",
  scopes: ["altinn:authentication/systemregister.write"],
  ...ENVIRONMENT_PRESETS.test,
  confirmUrlHosts: [...ENVIRONMENT_PRESETS.test.confirmUrlHosts],
};

const environmentCount = (p: Portal) => p.db.environment.count();

export function environmentTests(ref: PortalRef) {
  const state = { tt02Id: "" };
  let seeded: SeededRequest;
  let seededSystemId = "";
  /** What Altinn holds for FRESH_CUSTOMER on the suite's system (the refused requests must not stay). */
  const freshInAltinn = async (p: Portal) =>
    (await altinnRequestsOf(p, seededSystemId)).filter((r) => r.partyOrgNo === FRESH_CUSTOMER);

  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [CUSTOMER, FRESH_CUSTOMER]);
    seeded = await seedRequest(p, { orgNo: CUSTOMER });
    seededSystemId = seeded.system.systemId;
    await openPublicPage(p, seeded.system.id);
  });

  it("lets an admin add tt02 from the preset, audited with what was set", async () => {
    const p = ref();
    const created = await p.m.environments.createEnvironment(p.actors.admin, tt02Input);
    state.tt02Id = created.id;
    expect(created).toMatchObject({
      slug: "tt02",
      kind: "test",
      maskinportenIssuer: "https://test.maskinporten.no/",
      maskinportenTokenUrl: "https://test.maskinporten.no/token",
      altinnBaseUrl: "https://platform.tt02.altinn.no",
      confirmUrlHosts: ["am.ui.tt02.altinn.no"],
      digdirApiUrl: null,
      // tt02's organisations are synthetic (Tenor): Brønnøysund's open register would call them all unknown.
      entityRegisterUrl: null,
    });
    const listed = await p.m.environments.listEnvironments(p.actors.auditor);
    // Every environment, oldest first: Local from the first start, tt02 just now (others' in between).
    expect(listed).toHaveLength(await environmentCount(p));
    expect([listed.at(0), listed.at(-1)].map((e) => [e?.slug, e?.kind])).toEqual([
      ["local", "emulator"],
      ["tt02", "test"],
    ]);
    expect(await lastAudit(p)).toMatchObject({
      action: "environment.create",
      targetId: "tt02",
      actorId: p.actors.admin.id,
      environmentId: created.id,
      detail: {
        kind: "test",
        after: {
          clientId: tt02Input.clientId,
          altinnBaseUrl: "https://platform.tt02.altinn.no",
          confirmUrlHosts: ["am.ui.tt02.altinn.no"],
        },
      },
    });
  });

  it("refuses operators, auditors and nobody, and writes nothing", async () => {
    const p = ref();
    const before = { ...(await counts(p)), environments: await environmentCount(p) };
    const prod = { ...tt02Input, slug: "prod", kind: "production" as const };
    for (const actor of [p.actors.operator, p.actors.auditor, null]) {
      await expectAppError(p.m.environments.createEnvironment(actor, prod), "forbidden", 403);
      await expectAppError(
        p.m.environments.updateEnvironment(actor, state.tt02Id, { ...tt02Input, name: "Hijacked" }),
        "forbidden",
        403,
      );
    }
    expect({ ...(await counts(p)), environments: await environmentCount(p) }).toEqual(before);
    expect((await p.m.environments.loadEnvironmentById(state.tt02Id)).name).toBe("Test (tt02)");
  });

  it("refuses a slug already in use with a clear 409, and bad input before writing", async () => {
    const p = ref();
    const before = { ...(await counts(p)), environments: await environmentCount(p) };
    for (const slug of ["tt02", "local"]) {
      const err = await expectAppError(
        p.m.environments.createEnvironment(p.actors.admin, { ...tt02Input, slug }),
        "environment_slug_taken",
        409,
      );
      expect(err.userMessage).toEqual({
        nb: `Kortnavnet «${slug}» brukes allerede av et annet miljø. Velg et annet kortnavn.`,
        en: `The short name "${slug}" is already used by another environment. Choose another one.`,
      });
    }
    const bad = [
      { vendorOrgNo: "991825828" },
      { altinnBaseUrl: "http://platform.tt02.altinn.no" },
      { serviceOwnerTestUrl: "https://api.example/no-placeholder" },
      { slug: "TT-03" },
    ];
    for (const change of bad)
      await expectAppError(
        p.m.environments.createEnvironment(p.actors.admin, { ...tt02Input, slug: "tt03", ...change }),
        "invalid_input",
        400,
      );
    expect({ ...(await counts(p)), environments: await environmentCount(p) }).toEqual(before);
  });

  it("updates with a before/after audit, needs the slug typed for production and keeps the emulator's URLs", async () => {
    const p = ref();
    const prod = await p.m.environments.createEnvironment(p.actors.admin, {
      ...tt02Input,
      slug: "prod",
      kind: "production",
      name: "Produksjon",
      ...ENVIRONMENT_PRESETS.production,
      confirmUrlHosts: ["am.ui.altinn.no"],
    });
    const change = {
      ...tt02Input,
      ...ENVIRONMENT_PRESETS.production,
      confirmUrlHosts: ["am.ui.altinn.no"],
      name: "Produksjon",
      clientId: "prod-client-2",
    };
    const before = await counts(p);
    for (const slugCheck of [undefined, "", "PROD", "tt02"]) {
      const err = await expectAppError(
        p.m.environments.updateEnvironment(p.actors.admin, prod.id, { ...change, slugCheck }),
        "production_confirm",
        400,
      );
      expect(err.userMessage.nb).toContain("«prod»");
    }
    expect(await counts(p)).toEqual(before);
    const done = await p.m.environments.updateEnvironment(p.actors.admin, prod.id, { ...change, slugCheck: "prod" });
    expect(done.changed).toEqual(["clientId"]);
    expect(await lastAudit(p)).toMatchObject({
      action: "environment.update",
      targetId: "prod",
      environmentId: prod.id,
      detail: { before: { clientId: tt02Input.clientId }, after: { clientId: "prod-client-2" } },
    });
    // Saving the same values again changes nothing and records nothing.
    const auditBefore = (await counts(p)).audit;
    expect(
      (await p.m.environments.updateEnvironment(p.actors.admin, prod.id, { ...change, slugCheck: "prod" })).changed,
    ).toEqual([]);
    expect((await counts(p)).audit).toBe(auditBefore);

    const local = await p.m.environments.loadEnvironmentById(p.environmentId);
    await expectAppError(
      p.m.environments.updateEnvironment(p.actors.admin, local.id, {
        ...local,
        altinnBaseUrl: "https://platform.tt02.altinn.no",
      }),
      "emulator_urls_fixed",
      400,
    );
    expect((await p.m.environments.loadEnvironmentById(p.environmentId)).altinnBaseUrl).toBe(p.emulatorUrl);
  });

  it("drops the environment's cached Maskinporten token when its client settings change, not when its name does", async () => {
    const p = ref();
    const local = await p.m.environments.loadEnvironmentById(p.environmentId);
    const { name, vendorOrgNo, clientId, scopes, confirmUrlHosts, systemUserScopes } = local;
    const settings = { name, vendorOrgNo, clientId, scopes, confirmUrlHosts, systemUserScopes };
    const grants = async () => (await emulatorStats(p.emulatorUrl)).tokenGrants;
    await p.m.tokens.getAccessToken(p.m.connect(local));
    const start = await grants();
    try {
      await p.m.environments.updateEnvironment(p.actors.admin, local.id, { ...settings, name: "Local (renamed)" });
      await p.m.tokens.getAccessToken(p.m.connect(await p.m.environments.loadEnvironmentById(local.id)));
      expect(await grants()).toBe(start);
      // Same scopes in another order: a change to what we ask Maskinporten for, so the cache goes.
      await p.m.environments.updateEnvironment(p.actors.admin, local.id, {
        ...settings,
        scopes: [...scopes].reverse(),
      });
      await p.m.tokens.getAccessToken(p.m.connect(await p.m.environments.loadEnvironmentById(local.id)));
      expect(await grants()).toBe(start + 1);
    } finally {
      await p.m.environments.updateEnvironment(p.actors.admin, local.id, settings);
    }
    expect(await p.m.environments.loadEnvironmentById(local.id)).toEqual(local);
  });

  it("shows nothing of one environment in the other: systems, customers, requests, keys, calls, onboarding", async () => {
    const p = ref();
    const { tt02Id } = state;
    const { kid } = await p.m.keys.generateSigningKey(
      p.scope(p.actors.admin, await p.m.environments.loadEnvironmentById(tt02Id)),
    );
    const [localKeys, tt02Keys] = await Promise.all([
      p.m.keys.listKeys(p.scope(p.actors.operator)),
      p.m.keys.listKeys(p.scope(p.actors.operator, await p.m.environments.loadEnvironmentById(tt02Id))),
    ]);
    expect(tt02Keys.map((k) => k.kid)).toEqual([kid]);
    expect(kid.startsWith("tt02-")).toBe(true);
    expect(localKeys.map((k) => k.kid)).not.toContain(kid);
    expect((await p.m.keys.loadSigner(tt02Id)).kid).toBe(kid);
    expect((await p.m.keys.loadSigner(p.environmentId)).kid).not.toBe(kid);

    const auditor = p.actors.auditor;
    expect((await p.m.systems.listSystems(p.scope(auditor))).map((s) => s.systemId)).toContain(seededSystemId);
    expect(await p.m.systems.listSystems(p.scope(auditor, await p.m.environments.loadEnvironmentById(tt02Id)))).toEqual(
      [],
    );
    const localCustomers = await p.m.requests.listCustomers(p.scope(auditor));
    expect(localCustomers).toHaveLength(await p.db.customer.count({ where: { environmentId: p.environmentId } }));
    expect(localCustomers.map((c) => c.orgNo)).toContain(CUSTOMER);
    expect(
      await p.m.requests.listCustomers(p.scope(auditor, await p.m.environments.loadEnvironmentById(tt02Id))),
    ).toEqual([]);
    const localRequests = await p.m.requests.listRequests(p.scope(auditor));
    const requestCount = await p.db.systemUserRequest.count({ where: { system: { environmentId: p.environmentId } } });
    expect(localRequests).toHaveLength(Math.min(200, requestCount));
    expect(localRequests.map((r) => r.id)).toContain(seeded.id);
    expect(
      await p.m.requests.listRequests(p.scope(auditor, await p.m.environments.loadEnvironmentById(tt02Id))),
    ).toEqual([]);
    const localCalls = await p.m.calls.listOutboundCalls(p.scope(auditor));
    const callCount = await p.db.outboundCall.count({ where: { environmentId: p.environmentId } });
    expect(localCalls).toHaveLength(Math.min(200, callCount));
    expect(
      await p.m.calls.listOutboundCalls(p.scope(auditor, await p.m.environments.loadEnvironmentById(tt02Id))),
    ).toEqual([]);
    expect(await p.m.systems.findOpenSystem("local", seededSystemId)).not.toBeNull();
    expect(await p.m.systems.findOpenSystem("tt02", seededSystemId)).toBeNull();
    await expectAppError(p.m.onboarding.startOnboarding("tt02", seededSystemId, FRESH_CUSTOMER), "unknown_system", 404);
    // The audit log, looked at from tt02: its own events and those of no environment, nothing of Local's.
    const events = await p.m.audit.listAuditEvents(auditor, { environmentId: tt02Id, take: 1000 });
    const targets = events.map((e) => `${e.action} ${e.targetId ?? ""}`);
    expect(targets).toEqual(expect.arrayContaining(["environment.create tt02", `key.generate ${kid}`]));
    expect(targets.filter((x) => /^(system\.register|request\.|key\.generate local-)/.test(x))).toEqual([]);
    expect(events.length).toBeLessThan((await p.m.audit.listAuditEvents(auditor, { take: 1000 })).length);
  });

  it("refuses a confirm URL on a host not in the allowlist: deleted at Altinn, nothing stored, at both entry points", async () => {
    const p = ref();
    const local = await p.m.environments.loadEnvironmentById(p.environmentId);
    const { name, vendorOrgNo, clientId, scopes, systemUserScopes } = local;
    const settings = { name, vendorOrgNo, clientId, scopes, systemUserScopes, confirmUrlHosts: local.confirmUrlHosts };
    const system = await p.db.system.findFirstOrThrow({
      where: { systemId: seededSystemId, environmentId: local.id },
      select: { id: true },
    });
    const emulatorHost = new URL(p.emulatorUrl).host;
    expect(local.confirmUrlHosts).toEqual([emulatorHost]);
    await p.m.environments.updateEnvironment(p.actors.admin, local.id, {
      ...settings,
      confirmUrlHosts: ["am.ui.tt02.altinn.no"],
    });
    let storedId: string | null = null;
    try {
      const before = await counts(p);
      const err = await expectAppError(
        p.m.requests.createRequest(await p.freshScope(p.actors.operator), {
          systemId: system.id,
          orgNo: FRESH_CUSTOMER,
        }),
        "confirm_url_not_allowed",
        502,
      );
      expect(err.userMessage.en).toContain(
        `Altinn returned a confirm URL on ${p.emulatorUrl}, which is not allowed for the environment "Local emulator". Nothing was stored.`,
      );
      expect(err.userMessage.nb).toContain("Miljøer → Local emulator → Tillatte verter for godkjenningslenker");
      expect(await counts(p)).toEqual({ ...before, audit: before.audit + 1 });
      expect(await lastAudit(p)).toMatchObject({
        action: "request.create",
        outcome: "failure",
        detail: { code: "confirm_url_not_allowed", confirmUrlHost: emulatorHost, orgNo: FRESH_CUSTOMER },
      });
      // The request Altinn made is gone again, so the customer is never left with a link we refused.
      expect(await freshInAltinn(p)).toEqual([]);

      // The public onboarding page is refused the same way.
      await expectAppError(
        p.m.onboarding.startOnboarding("local", seededSystemId, FRESH_CUSTOMER),
        "confirm_url_not_allowed",
        502,
      );
      expect(await counts(p)).toEqual({ ...before, audit: before.audit + 2 });
      expect(await freshInAltinn(p)).toEqual([]);

      // Allowed again: the customer goes to the emulator's confirm page.
      await p.m.environments.updateEnvironment(p.actors.admin, local.id, settings);
      const confirmUrl = await p.m.onboarding.startOnboarding("local", seededSystemId, FRESH_CUSTOMER);
      expect(new URL(confirmUrl).host).toBe(emulatorHost);
      const row = await p.db.systemUserRequest.findFirstOrThrow({
        where: { customer: { orgNo: FRESH_CUSTOMER } },
        select: { id: true },
      });
      storedId = row.id;
      // Defence in depth: a stored link that does not fit the allowlist is not followed at the redirect.
      await p.db.systemUserRequest.update({
        where: { id: row.id },
        data: { confirmUrl: "https://am.ui.altinn.no.evil.example/accessmanagement/ui/systemuser/request?id=x" },
      });
      const redirectErr = await expectAppError(
        p.m.onboarding.startOnboarding("local", seededSystemId, FRESH_CUSTOMER),
        "confirm_url_not_allowed",
        502,
      );
      expect(redirectErr.userMessage.en).toContain("https://am.ui.altinn.no.evil.example");
    } finally {
      await p.m.environments.updateEnvironment(p.actors.admin, local.id, settings);
      // Leave no request behind for later suites: not here, not in Altinn.
      if (storedId) {
        const row = await p.db.systemUserRequest.delete({
          where: { id: storedId },
          select: { altinnRequestId: true, customerId: true },
        });
        await p.db.customer.delete({ where: { id: row.customerId } });
        await altinnCall(p, `/systemuser/request/vendor/${row.altinnRequestId}`, "DELETE");
      }
    }
    expect((await p.m.environments.loadEnvironmentById(local.id)).confirmUrlHosts).toEqual([emulatorHost]);
  });

  it("keeps an admin's allowlist for the emulator across restarts, moving only the emulator's own host", async () => {
    const p = ref();
    const local = await p.m.environments.loadEnvironmentById(p.environmentId);
    const emulatorHost = new URL(p.emulatorUrl).host;
    try {
      // As if the emulator ran on another port last time, and an admin added a host of their own.
      await p.db.environment.update({
        where: { id: local.id },
        data: { altinnBaseUrl: "http://127.0.0.1:1", confirmUrlHosts: ["127.0.0.1:1", "am.ui.tt02.altinn.no"] },
      });
      await p.m.bootstrap.ensureLocalEnvironment();
      expect(await p.m.environments.loadEnvironmentById(local.id)).toMatchObject({
        altinnBaseUrl: p.emulatorUrl,
        confirmUrlHosts: [emulatorHost, "am.ui.tt02.altinn.no"],
      });
    } finally {
      await p.db.environment.update({ where: { id: local.id }, data: { confirmUrlHosts: local.confirmUrlHosts } });
    }
  });
}
