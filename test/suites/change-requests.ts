import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { emulatorFetch } from "../emulator-api";
import { counts, CUSTOMER_ORG, expectAppError } from "../helpers";

const SKATTEGRUNNLAG = "urn:altinn:accesspackage:skattegrunnlag";
const MVA = "urn:altinn:accesspackage:merverdiavgift";

// Uses the chain's system ("lonn-sync", Skattegrunnlag) and its approved system user for CUSTOMER_ORG.
export function changeRequestTests(ref: PortalRef) {
  it("loads the catalogue from the environment's metadata API, in three languages, and falls back to the snapshot", async () => {
    const p = ref();
    const { packageCatalogue, clearCatalogueCache } = await import("@/lib/systems/catalogue/packages");
    const { countPackages } = await import("@/lib/systems/catalogue/model");
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    clearCatalogueCache();
    const live = await packageCatalogue(environment);
    expect(live.source).toBe("altinn");
    expect(countPackages(live)).toBe(223);
    const skatt = live.groups.flatMap((g) => g.areas.flatMap((a) => a.packages)).find((x) => x.urn === SKATTEGRUNNLAG);
    expect(skatt?.name).toEqual({ nb: "Skattegrunnlag", nn: expect.any(String), en: "Tax base" });
    expect(skatt).toMatchObject({ isDelegable: true, isAssignable: true });
    const logged = await p.db.outboundCall.count({
      where: { path: "/accessmanagement/api/v1/meta/info/accesspackages/export", status: 200 },
    });
    expect(logged).toBeGreaterThanOrEqual(3);

    await emulatorFetch(p.emulatorUrl, "/emulator/faults", { body: { path: "/accessmanagement", errorRate: 1 } });
    try {
      clearCatalogueCache();
      const fallback = await packageCatalogue(environment);
      expect(fallback.source).toBe("snapshot");
      expect(countPackages(fallback)).toBe(223);
    } finally {
      await emulatorFetch(p.emulatorUrl, "/emulator/faults?path=/accessmanagement", { method: "DELETE" });
      clearCatalogueCache();
    }
  });

  const load = async () => {
    const p = ref();
    const [dal, http] = await Promise.all([
      import("@/lib/systems/change-requests"),
      import("@/lib/integrations/altinn/http"),
    ]);
    const system = await p.db.system.findFirstOrThrow({ where: { systemId: "991825827_lonn-sync" } });
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    return { p, dal, system, environment, callAltinn: http.callAltinn };
  };

  it("finds nothing to change while the system users hold the system's access", async () => {
    const { p, dal, system } = await load();
    const plan = await dal.changePlan(p.scope(p.actors.auditor), system.id);
    expect(plan.standard.map((u) => u.customer.orgNo)).toEqual([CUSTOMER_ORG]);
    expect(plan.outdated).toEqual([]);
  });

  it("asks the customer to approve a change after the system gains a package, and tracks it to Accepted", async () => {
    const { p, dal, system, environment, callAltinn } = await load();
    // The system gains Merverdiavgift (in Altinn and in the portal, as an edit would do).
    await callAltinn(p.m.connect(environment), {
      method: "PUT",
      path: `/systemregister/vendor/${system.systemId}/accesspackages`,
      body: [{ urn: SKATTEGRUNNLAG }, { urn: MVA }],
    });
    await p.db.system.update({ where: { id: system.id }, data: { accessPackages: [SKATTEGRUNNLAG, MVA] } });

    const plan = await dal.changePlan(p.scope(p.actors.operator), system.id);
    expect(plan.toRequest.map((u) => [u.customer.orgNo, u.diff.lists])).toEqual([
      [
        CUSTOMER_ORG,
        { requiredAccessPackages: [MVA], unwantedAccessPackages: [], requiredRights: [], unwantedRights: [] },
      ],
    ]);

    // Operators may look but not ask; nothing is written when they try.
    const before = await counts(p);
    await expectAppError(dal.createChangeRequests(p.scope(p.actors.operator), system.id), "forbidden", 403);
    expect(await counts(p)).toEqual(before);

    const outcomes = await dal.createChangeRequests(p.scope(p.actors.admin), system.id);
    expect(outcomes).toEqual([{ orgNo: CUSTOMER_ORG, ok: true, status: "New" }]);
    const row = await p.db.changeRequest.findFirstOrThrow({ where: { systemUser: { systemId: system.id } } });
    expect(row).toMatchObject({ status: "New", requiredAccessPackages: [MVA], unwantedAccessPackages: [] });
    expect(row.confirmUrl).toContain(`/changerequest?id=${row.id}`);
    // A second press does not ask twice while one is pending.
    expect(await dal.createChangeRequests(p.scope(p.actors.admin), system.id)).toEqual([]);

    // Altinn holds it under our correlation id.
    const approved = await emulatorFetch(p.emulatorUrl, `/emulator/changerequests/${row.id}/approve`, { body: {} });
    expect(approved.status).toBe(200);
    expect(await dal.refreshChangeRequests(p.scope(p.actors.operator), system.id)).toEqual({ changed: 1 });
    const after = await dal.changePlan(p.scope(p.actors.auditor), system.id);
    expect(after.outdated).toEqual([]);
    expect(after.standard[0]?.held.packages).toEqual([MVA, SKATTEGRUNNLAG].sort());

    const audit = await p.db.auditEvent.findMany({
      where: { action: { in: ["changerequest.create", "changerequest.status"] } },
      orderBy: { seq: "asc" },
      select: { action: true, outcome: true, detail: true },
    });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ["changerequest.create", "success"],
      ["changerequest.status", "success"],
    ]);
    expect(audit[1]?.detail).toEqual({ from: "New", to: "Accepted" });
  });

  it("edits single rights by resource id, checked by Altinn's resource registry, and asks for the change", async () => {
    const { p, dal, system } = await load();
    const { updateSystem } = await import("@/lib/systems/edit");
    const row = await p.db.system.findUniqueOrThrow({ where: { id: system.id } });
    const name = row.name as { nb: string; nn: string; en: string };
    const description = row.description as { nb: string; nn: string; en: string };
    const edit = (rights: string[]) =>
      updateSystem(p.scope(p.actors.admin), {
        id: row.id,
        nameNb: name.nb,
        nameNn: name.nn,
        nameEn: name.en,
        descriptionNb: description.nb,
        descriptionNn: description.nn,
        descriptionEn: description.en,
        accessPackages: row.accessPackages,
        redirectUrls: row.redirectUrls,
        clientIds: row.clientIds,
        isVisible: row.isVisible,
        rights,
      });
    // Unknown and non-delegable resources: Altinn's answer lands at the rights field, nothing changes.
    for (const [resource, code] of [
      ["finnes-ikke", "00003"],
      ["ttd-maskinporten-schema", "00017"],
    ] as const) {
      const err = await expectAppError(edit([resource]), `AUTH.VLD-${code}`);
      expect(err.fieldErrors?.rights).toEqual([`sysreg.vld.${code}`]);
    }
    expect((await p.db.system.findUniqueOrThrow({ where: { id: row.id } })).rights).toEqual([]);

    await edit(["ske-skattegrunnlag"]);
    expect((await p.db.system.findUniqueOrThrow({ where: { id: row.id } })).rights).toEqual(["ske-skattegrunnlag"]);
    const plan = await dal.changePlan(p.scope(p.actors.admin), system.id);
    expect(plan.toRequest[0]?.diff.lists).toMatchObject({
      requiredRights: ["ske-skattegrunnlag"],
      requiredAccessPackages: [],
    });
    expect(await dal.createChangeRequests(p.scope(p.actors.admin), system.id)).toEqual([
      { orgNo: CUSTOMER_ORG, ok: true, status: "New" },
    ]);
  });

  it("lists agent system users apart: they cannot be changed, only recreated", async () => {
    const { p, dal, system } = await load();
    const customer = await p.db.customer.create({
      data: {
        environmentId: p.environmentId,
        orgNo: "314250052",
        name: "Granlia Regnskapskontor",
        externalRef: "314250052",
      },
    });
    const agent = await p.db.systemUser.create({
      data: {
        systemId: system.id,
        customerId: customer.id,
        altinnSystemUserId: crypto.randomUUID(),
        externalRef: "314250052",
        userType: "agent",
      },
    });
    try {
      const plan = await dal.changePlan(p.scope(p.actors.admin), system.id);
      expect(plan.agents.map((u) => u.customer.orgNo)).toEqual(["314250052"]);
      expect(plan.toRequest).toEqual([]);
      expect(await dal.createChangeRequests(p.scope(p.actors.admin), system.id)).toEqual([]);
    } finally {
      await p.db.systemUser.delete({ where: { id: agent.id } });
      await p.db.customer.delete({ where: { id: customer.id } });
    }
  });
}
