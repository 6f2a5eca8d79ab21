import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch } from "../emulator-api";
import { emulatorCallCount, withFault } from "../emulator-controls";
import { addOrganisations, CALLBACK, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgPool } from "../org-numbers";
import { seedEnvironment, seedSystem } from "../seed";
import type { EnvironmentView } from "@/lib/environments/types";

// Issue 16, pre-flight: what Altinn would refuse only at creation or approval, checked before sending.
// An environment of its own: its Maskinporten client may sit on this suite's systems only.
const orgs = orgPool(ORG_BLOCKS.preflight);
const ER_ROUTE = "GET /enhetsregisteret/api/enheter/:orgnr";
const CLIENT_PACKAGE = "urn:altinn:accesspackage:regnskapsforer-lonn";
const STANDARD_PACKAGE = "urn:altinn:accesspackage:skattegrunnlag";

async function markEntity(p: Portal, orgNo: string, status: string) {
  const res = await emulatorFetch(p.emulatorUrl, `/emulator/parties/${orgNo}/status`, { body: { status } });
  expect(res.status).toBe(200);
}

export function preflightTests(ref: PortalRef) {
  let env: EnvironmentView;
  const scope = (p: Portal, role: "admin" | "operator" = "admin") => p.scope(p.actors[role], env);
  // Altinn lets one client belong to one system: the environment's client moves to the newest system
  // (in the portal's rows, which pre-flight reads), unless the test asks for none.
  const system = async (p: Portal, overrides: Parameters<typeof seedSystem>[1] = {}) => {
    const { clientIds, ...rest } = overrides;
    const s = await seedSystem(p, { prefix: "pf", environment: env, ...rest });
    if (clientIds === undefined) {
      await p.db.system.updateMany({ where: { environmentId: env.id }, data: { clientIds: [] } });
      await p.db.system.update({ where: { id: s.id }, data: { clientIds: [env.clientId] } });
    }
    return s;
  };

  it("a system with its environment's client, assignable packages and the callback registered is ready", async () => {
    const p = ref();
    ({ environment: env } = await seedEnvironment(p, "pf"));
    const { systemReadiness } = await import("@/lib/preflight/run");
    const s = await system(p);
    const r = await systemReadiness(scope(p, "operator"), s.id);
    expect(r.kind).toBe("standard");
    expect(r.ready).toBe(true);
    expect(r.checks.map((c) => [c.id, c.verdict])).toEqual([
      ["registered", "pass"],
      ["packages", "pass"],
      ["rights", "pass"],
      ["redirect", "pass"],
      ["clientId", "pass"],
    ]);
  });

  it("names each package a kind cannot hold, and the missing client and redirect", async () => {
    const p = ref();
    const { systemReadiness, requestPreflight } = await import("@/lib/preflight/run");
    // A client package makes it an agent system: ready as such, but a standard request would fail on it.
    const agentSystem = await system(p, { accessPackages: [STANDARD_PACKAGE, CLIENT_PACKAGE] });
    const r = await systemReadiness(scope(p), agentSystem.id);
    expect(r.kind).toBe("agent");
    expect(r.ready).toBe(true);
    const [orgNo = ""] = orgs.take(1);
    await addOrganisations(p, [orgNo]);
    const standard = await requestPreflight(scope(p), { systemId: agentSystem.id, orgNo, kind: "standard" });
    expect(standard.ready).toBe(false);
    expect(standard.checks.filter((c) => c.verdict === "fail")).toEqual([
      expect.objectContaining({
        id: "packages",
        key: "preflight.packages.notAssignable",
        pkg: expect.objectContaining({ urn: CLIENT_PACKAGE }),
      }),
    ]);
    // An admin package is assignable only: an agent request would fail on it (AUTH-00065).
    const admin = await system(p, { accessPackages: ["urn:altinn:accesspackage:maskinporten-scopes"] });
    const agent = await requestPreflight(scope(p), { systemId: admin.id, orgNo, kind: "agent" });
    expect(agent.checks.find((c) => c.verdict === "fail")).toMatchObject({ key: "preflight.packages.notDelegable" });

    const bare = await system(p, { clientIds: [], rights: [] });
    await p.db.system.update({ where: { id: bare.id }, data: { redirectUrls: ["https://elsewhere.example/back"] } });
    const failing = (await systemReadiness(scope(p), bare.id)).checks.filter((c) => c.verdict === "fail");
    expect(failing.map((c) => c.key)).toEqual(["preflight.redirect.notRegistered", "preflight.clientId.none"]);
    // A request's own redirect URL is checked as Altinn would (AUTH-00021), the query string free.
    const own = await requestPreflight(scope(p), {
      systemId: (await system(p)).id,
      orgNo,
      kind: "standard",
      redirectUrl: `${CALLBACK}?ref=1`,
    });
    expect(own.ready).toBe(true);
  });

  it("the Entity Register: found fills in a blank name; 404, 410 and deleted fail; bankrupt warns; cached for a day", async () => {
    const p = ref();
    const { lookUpEntity } = await import("@/lib/preflight/entity");
    const { requestPreflight } = await import("@/lib/preflight/run");
    const [known = "", unknown = "", removed = "", bankrupt = "", deleted = ""] = orgs.take(5);
    await addOrganisations(p, [known, removed, bankrupt, deleted], "Registerkunde AS");
    await markEntity(p, removed, "removed");
    await markEntity(p, bankrupt, "bankrupt");
    await markEntity(p, deleted, "deleted");
    const customer = await p.db.customer.create({
      data: { environmentId: env.id, orgNo: known, externalRef: `pf-${known}` },
      select: { id: true },
    });
    const s = await system(p);
    const verdict = async (orgNo: string) => {
      const r = await requestPreflight(scope(p, "operator"), { systemId: s.id, orgNo, kind: "standard" });
      return r.checks.find((c) => c.id === "entity");
    };
    expect(await verdict(known)).toMatchObject({ verdict: "pass", params: { name: "Registerkunde AS 1" } });
    expect((await p.db.customer.findUniqueOrThrow({ where: { id: customer.id } })).name).toBe("Registerkunde AS 1");
    expect(
      await p.db.auditEvent.findFirst({ where: { targetId: customer.id, action: "customer.update" } }),
    ).toMatchObject({
      actorLabel: "entity-register",
    });
    expect(await verdict(unknown)).toMatchObject({ verdict: "fail", key: "preflight.entity.unknown" });
    expect(await verdict(removed)).toMatchObject({ verdict: "fail", key: "preflight.entity.removed" });
    expect(await verdict(deleted)).toMatchObject({ verdict: "fail", key: "preflight.entity.deleted" });
    expect(await verdict(bankrupt)).toMatchObject({ verdict: "warn", key: "preflight.entity.bankrupt" });
    // Cached: asking again calls nobody.
    const before = await emulatorCallCount(p, ER_ROUTE);
    expect(await lookUpEntity(env, known)).toMatchObject({ status: "found", name: "Registerkunde AS 1" });
    expect(await emulatorCallCount(p, ER_ROUTE)).toBe(before);
  });

  it("an Entity Register outage says 'could not check' and never blocks sending", async () => {
    const p = ref();
    const { assertRequestPreflight } = await import("@/lib/preflight/guard");
    const [orgNo = ""] = orgs.take(1);
    await addOrganisations(p, [orgNo]);
    const s = await system(p);
    const checks = await withFault(p, { path: "/enhetsregisteret", errorRate: 1, status: 503 }, () =>
      assertRequestPreflight(scope(p, "operator"), { systemId: s.id, orgNo, kind: "standard" }, false),
    );
    expect(checks.find((c) => c.id === "entity")).toMatchObject({ verdict: "warn", key: "preflight.entity.unchecked" });
    // Not cached: once the register is back, the answer is real.
    const { lookUpEntity } = await import("@/lib/preflight/entity");
    expect(await lookUpEntity(env, orgNo)).toMatchObject({ status: "found" });
  });

  it("the request form refuses what would fail with the package named, and asks once about a bankrupt customer", async () => {
    const p = ref();
    const { assertRequestPreflight } = await import("@/lib/preflight/guard");
    const [orgNo = "", bankrupt = ""] = orgs.take(2);
    await addOrganisations(p, [orgNo, bankrupt]);
    await markEntity(p, bankrupt, "bankrupt");
    const agentSystem = await system(p, { accessPackages: [CLIENT_PACKAGE] });
    const err = await expectAppError(
      assertRequestPreflight(scope(p, "operator"), { systemId: agentSystem.id, orgNo, kind: "standard" }, false),
      "preflight_failed",
      422,
    );
    expect(err.userMessage.en).toContain(CLIENT_PACKAGE);
    expect(err.userMessage.nb).toContain("AUTH-00064");
    const s = await system(p);
    await expectAppError(
      assertRequestPreflight(scope(p, "operator"), { systemId: s.id, orgNo: bankrupt, kind: "standard" }, false),
      "preflight_warning",
      409,
    );
    await assertRequestPreflight(scope(p, "operator"), { systemId: s.id, orgNo: bankrupt, kind: "standard" }, true);
    // No client on the system: not ready (tokens would fail), but Altinn takes the request, so it is sent.
    const noClient = await system(p, { clientIds: [] });
    const checks = await assertRequestPreflight(
      scope(p, "operator"),
      { systemId: noClient.id, orgNo, kind: "standard" },
      false,
    );
    expect(checks.find((c) => c.id === "clientId")).toMatchObject({ verdict: "fail" });
  });

  it("a selection or bulk preview counts what would fail, per reason, before anything is sent", async () => {
    const p = ref();
    const { selectionPreflight } = await import("@/lib/preflight/run");
    const known = orgs.take(3);
    const unknown = orgs.take(2);
    await addOrganisations(p, known);
    const s = await system(p);
    const requestsBefore = await p.db.systemUserRequest.count();
    const r = await selectionPreflight(scope(p, "operator"), {
      systemId: s.id,
      orgNos: [...known, ...unknown],
      kind: "standard",
    });
    expect(r.total).toBe(5);
    expect(r.failing.sort()).toEqual([...unknown].sort());
    expect(r.reasons).toEqual([expect.objectContaining({ reason: "preflight.entity.unknown", count: 2 })]);
    // A system that fails fails every row, under its own reason.
    const agentSystem = await system(p, { accessPackages: [CLIENT_PACKAGE] });
    const all = await selectionPreflight(scope(p, "operator"), {
      systemId: agentSystem.id,
      orgNos: known,
      kind: "standard",
    });
    expect(all.failing).toHaveLength(3);
    expect(all.reasons[0]).toMatchObject({ reason: `preflight.packages.notAssignable|${CLIENT_PACKAGE}`, count: 3 });
    expect(await p.db.systemUserRequest.count()).toBe(requestsBefore);
  });
}
