import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { emulatorFetch } from "../emulator-api";
import { withFault } from "../emulator-controls";
import { counts, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { seedRequest, type SeededRequest } from "../seed";

const SKATTEGRUNNLAG = "urn:altinn:accesspackage:skattegrunnlag";
const MVA = "urn:altinn:accesspackage:merverdiavgift";
const EXPORT_PATH = "/accessmanagement/api/v1/meta/info/accesspackages/export";
// CUSTOMER_ORG holds an approved system user of the suite's system; AGENT_FIRM is only ever in our database.
const [CUSTOMER_ORG = "", AGENT_FIRM = ""] = orgNumbers(2, ORG_BLOCKS.changeRequests);

export function changeRequestTests(ref: PortalRef) {
  // A system with Skattegrunnlag and one approved standard system user of it.
  let seeded: SeededRequest;
  beforeAll(async () => {
    seeded = await seedRequest(ref(), { orgNo: CUSTOMER_ORG, outcome: "approved" });
  });

  it("loads the catalogue from the environment's metadata API, in three languages, and falls back to the snapshot", async () => {
    const p = ref();
    const { packageCatalogue, clearCatalogueCache } = await import("@/lib/systems/catalogue/packages");
    const { countPackages } = await import("@/lib/systems/catalogue/model");
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    const logged = (status: number) =>
      p.db.outboundCall.count({ where: { environmentId: p.environmentId, path: EXPORT_PATH, status } });
    const before = { ok: await logged(200), down: await logged(503) };
    clearCatalogueCache();
    const live = await packageCatalogue(environment);
    expect(live.source).toBe("altinn");
    expect(countPackages(live)).toBe(223);
    const skatt = live.groups.flatMap((g) => g.areas.flatMap((a) => a.packages)).find((x) => x.urn === SKATTEGRUNNLAG);
    expect(skatt?.name).toEqual({ nb: "Skattegrunnlag", nn: "Skattegrunnlag", en: "Tax base" });
    // Nynorsk from its own call: the description differs from the bokmål one.
    expect(skatt?.description.nn).toMatch(/^Denne tilgangspakken gir fullmakter til tenester knytt til/);
    expect(skatt).toMatchObject({ isDelegable: true, isAssignable: true });
    // One call per language, each in the call log.
    expect(await logged(200)).toBe(before.ok + 3);
    // Cached: asking again calls nobody.
    await packageCatalogue(environment);
    expect(await logged(200)).toBe(before.ok + 3);

    try {
      await withFault(p, { path: "/accessmanagement", errorRate: 1 }, async () => {
        clearCatalogueCache();
        const fallback = await packageCatalogue(environment);
        expect(fallback.source).toBe("snapshot");
        expect(countPackages(fallback)).toBe(223);
      });
    } finally {
      clearCatalogueCache();
    }
    expect(await logged(503)).toBe(before.down + 3);
  });

  const load = async () => {
    const p = ref();
    const [dal, http] = await Promise.all([
      import("@/lib/systems/change-requests"),
      import("@/lib/integrations/altinn/http"),
    ]);
    const system = await p.db.system.findUniqueOrThrow({ where: { id: seeded.system.id } });
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
      where: {
        action: { in: ["changerequest.create", "changerequest.status"] },
        targetId: { in: [seeded.altinnSystemUserId ?? "", row.id] },
      },
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
        orgNo: AGENT_FIRM,
        name: "Regnskapsfirma AS",
        externalRef: `firm-${AGENT_FIRM}`,
      },
    });
    const agent = await p.db.systemUser.create({
      data: {
        systemId: system.id,
        customerId: customer.id,
        altinnSystemUserId: crypto.randomUUID(),
        externalRef: `firm-${AGENT_FIRM}-agent`,
        userType: "agent",
      },
    });
    try {
      const plan = await dal.changePlan(p.scope(p.actors.admin), system.id);
      expect(plan.agents.map((u) => u.customer.orgNo)).toEqual([AGENT_FIRM]);
      expect(plan.toRequest).toEqual([]);
      expect(await dal.createChangeRequests(p.scope(p.actors.admin), system.id)).toEqual([]);
    } finally {
      await p.db.systemUser.delete({ where: { id: agent.id } });
      await p.db.customer.delete({ where: { id: customer.id } });
    }
  });
}
