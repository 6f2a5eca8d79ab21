import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorStats } from "../emulator-api";
import { CALLBACK, counts, editOf, expectAppError, systemInput } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { openPublicPage, uniqueName as unique } from "../seed";

// Issue 5: edit, whole-replace safety, soft delete, VLD codes at their fields, drift sync, history.
// Every system here is this suite's own (unique names); others' systems are left alone.
const ORG = "991825827";
// Only ever refused (the system is deleted), so it needs no place in the emulator's register.
const [CUSTOMER = ""] = orgNumbers(1, ORG_BLOCKS.systemsAdmin);

/** Another tool writing to Altinn directly, with the vendor's own token (so the portal does not know). */
async function otherTool(p: Portal, method: "GET" | "PUT" | "POST" | "DELETE", path: string, body?: unknown) {
  const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
  const token = await p.m.tokens.getAccessToken(p.m.connect(environment));
  const res = await fetch(`${p.emulatorUrl}/authentication/api/v1/systemregister${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: {
      authorization: `Bearer ${token}`,
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* text body */
  }
  return { status: res.status, json };
}

async function altinnSystem(p: Portal, systemId: string) {
  const { altinnSystemSchema } = await import("@/lib/integrations/altinn/system-model");
  const res = await otherTool(p, "GET", `/vendor/${systemId}`);
  expect(res.status).toBe(200);
  return altinnSystemSchema.parse(res.json);
}

async function createOwn(p: Portal, prefix: string, overrides: Parameters<typeof systemInput>[2] = {}) {
  const name = unique(prefix);
  const created = await p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, name, overrides));
  return { rowId: created.id, systemId: `${ORG}_${name}` };
}

export function systemAdminTests(ref: PortalRef) {
  it("edits a system: Altinn gets the new values, the row, snapshot and sync time follow, one audit record", async () => {
    const p = ref();
    const { updateSystem } = await import("@/lib/systems/edit");
    const { rowId, systemId } = await createOwn(p, "sa-edit");
    const row = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    const auditBefore = await p.db.auditEvent.count();
    const result = await updateSystem(p.scope(p.actors.admin), {
      ...editOf(row),
      nameEn: "Payroll sync 2",
      redirectUrls: [CALLBACK, "https://app.vendor.example/return"],
      isVisible: true,
    });
    expect(result.changed.sort()).toEqual(["isVisible", "name.en", "redirectUrls"]);
    const remote = await altinnSystem(p, systemId);
    expect(remote).toMatchObject({
      name: { en: "Payroll sync 2", nb: "Lønnssynk" },
      allowedRedirectUrls: [CALLBACK, "https://app.vendor.example/return"],
      isVisible: true,
    });
    const after = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    expect(after).toMatchObject({
      name: { en: "Payroll sync 2" },
      redirectUrls: [CALLBACK, "https://app.vendor.example/return"],
      isVisible: true,
    });
    expect(after.altinnSnapshot).toMatchObject({ id: systemId, name: { en: "Payroll sync 2" }, isVisible: true });
    expect(after.syncedAt).toBeInstanceOf(Date);
    expect(await p.db.auditEvent.count()).toBe(auditBefore + 1);
    const audit = await p.db.auditEvent.findFirstOrThrow({ where: { action: "system.update", targetId: systemId } });
    expect(audit).toMatchObject({
      outcome: "success",
      actorId: p.actors.admin.id,
      detail: {
        before: { "name.en": "Payroll sync", redirectUrls: row.redirectUrls, isVisible: false },
        after: {
          "name.en": "Payroll sync 2",
          redirectUrls: [CALLBACK, "https://app.vendor.example/return"],
          isVisible: true,
        },
      },
    });
    // The same form saved again: Altinn hears it, nothing changed, nothing is recorded.
    const again = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    const auditAgain = await p.db.auditEvent.count();
    await expect(updateSystem(p.scope(p.actors.admin), editOf(again))).resolves.toEqual({ id: rowId, changed: [] });
    expect(await p.db.auditEvent.count()).toBe(auditAgain);
  });

  it("keeps what another tool set in Altinn and the portal does not show (rights), through a portal edit", async () => {
    const p = ref();
    const { updateSystem } = await import("@/lib/systems/edit");
    const { rowId, systemId } = await createOwn(p, "sa-keep");
    const before = await altinnSystem(p, systemId);
    const rights = [{ resource: [{ id: "urn:altinn:resource", value: "ske-krav-og-betalinger" }] }];
    const put = await otherTool(p, "PUT", `/vendor/${systemId}`, {
      ...before,
      rights,
      description: { ...before.description, se: "Sámegiella" },
    });
    expect(put).toEqual({ status: 200, json: { succeeded: true } });

    const row = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    expect(row.rights).toEqual([]); // the portal has not seen it
    await updateSystem(p.scope(p.actors.admin), { ...editOf(row), descriptionEn: "Sends payroll data, edited" });
    const after = await altinnSystem(p, systemId);
    expect(after.rights).toEqual(rights);
    expect(after.description).toEqual({
      nb: "Sender lønnsdata",
      nn: "Sender lønsdata",
      en: "Sends payroll data, edited",
      se: "Sámegiella",
    });
    const snapshot = (await p.db.system.findUniqueOrThrow({ where: { id: rowId } })).altinnSnapshot;
    expect(snapshot).toMatchObject({ rights, description: { se: "Sámegiella" } });
  });

  it("deletes softly after the typed confirmation: Altinn flags it, the row is marked, the onboarding link stops working", async () => {
    const p = ref();
    const { deleteSystem, updateSystem } = await import("@/lib/systems/edit");
    const { rowId, systemId } = await createOwn(p, "sa-del");
    await openPublicPage(p, rowId);
    expect(await p.m.systems.findOpenSystem("local", systemId)).not.toBeNull();

    const before = await counts(p);
    const err = await expectAppError(
      deleteSystem(p.scope(p.actors.admin), { id: rowId, confirm: "wrong" }),
      "confirm_mismatch",
      400,
    );
    expect(err.fieldErrors).toEqual({ confirm: ["sysreg.delete.mismatch"] });
    expect(await counts(p)).toEqual(before);
    expect((await altinnSystem(p, systemId)).isDeleted).toBe(false);

    const { deletedAt } = await deleteSystem(p.scope(p.actors.admin), { id: rowId, confirm: systemId });
    expect((await altinnSystem(p, systemId)).isDeleted).toBe(true);
    expect((await p.db.system.findUniqueOrThrow({ where: { id: rowId } })).deletedAt).toEqual(deletedAt);
    expect(
      await p.db.auditEvent.findFirstOrThrow({ where: { action: "system.delete", targetId: systemId } }),
    ).toMatchObject({ outcome: "success" });
    expect(await p.m.systems.findOpenSystem("local", systemId)).toBeNull();
    await expectAppError(p.m.onboarding.startOnboarding("local", systemId, CUSTOMER), "unknown_system");
    expect((await p.m.systems.listSystems(p.scope(p.actors.admin))).find((s) => s.id === rowId)?.deletedAt).toEqual(
      deletedAt,
    );
    const row = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    await expectAppError(updateSystem(p.scope(p.actors.admin), editOf(row)), "system_deleted", 409);
    await expectAppError(
      deleteSystem(p.scope(p.actors.admin), { id: rowId, confirm: systemId }),
      "system_deleted",
      409,
    );
    // Operators cannot start new requests for it either; nothing is sent to Altinn.
    await expectAppError(
      p.m.requests.createRequest(p.scope(p.actors.operator), { systemId: rowId, orgNo: CUSTOMER }),
      "system_deleted",
      409,
    );
  });

  it("refuses operators every System Register change, with nothing written anywhere", async () => {
    const p = ref();
    const { updateSystem, deleteSystem } = await import("@/lib/systems/edit");
    const { resolveSystemDrift, readSystemDrift } = await import("@/lib/systems/sync");
    const { rowId, systemId } = await createOwn(p, "sa-op");
    const row = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    const before = await counts(p);
    const calls = (await emulatorStats(p.emulatorUrl)).systems;
    for (const actor of [p.actors.operator, p.actors.auditor]) {
      await expectAppError(updateSystem(p.scope(actor), { ...editOf(row), nameEn: "Hijacked" }), "forbidden", 403);
      await expectAppError(deleteSystem(p.scope(actor), { id: rowId, confirm: systemId }), "forbidden", 403);
      await expectAppError(resolveSystemDrift(p.scope(actor), { id: rowId, winner: "portal" }), "forbidden", 403);
      await expectAppError(readSystemDrift(p.scope(actor), rowId), "forbidden", 403);
    }
    await expectAppError(updateSystem(p.scope(null), editOf(row)), "forbidden", 403);
    expect(await counts(p)).toEqual(before);
    expect((await emulatorStats(p.emulatorUrl)).systems).toBe(calls);
    expect(await altinnSystem(p, systemId)).toMatchObject({ name: { en: "Payroll sync" }, isDeleted: false });
  });

  it("shows drift field by field; 'Altinn wins' updates the row (system.sync), 'portal wins' PUTs onto Altinn's object (system.update)", async () => {
    const p = ref();
    const { readSystemDrift, resolveSystemDrift } = await import("@/lib/systems/sync");
    const { rowId, systemId } = await createOwn(p, "sa-sync");
    expect((await readSystemDrift(p.scope(p.actors.admin), rowId)).inSync).toBe(true);

    const current = await altinnSystem(p, systemId);
    const rights = [{ resource: [{ id: "urn:altinn:resource", value: "ske-skattegrunnlag" }] }];
    await otherTool(p, "PUT", `/vendor/${systemId}`, {
      ...current,
      name: { ...current.name, en: "Renamed elsewhere" },
      rights,
      allowedRedirectUrls: [CALLBACK, "https://elsewhere.example/cb"],
      clientId: ["tool-client-1"],
    });
    const drift = await readSystemDrift(p.scope(p.actors.admin), rowId);
    expect(drift.rows.filter((r) => r.differs).map((r) => r.field)).toEqual([
      "name.en",
      "rights",
      "clientIds",
      "redirectUrls",
    ]);
    expect(drift.rows.find((r) => r.field === "name.en")).toEqual({
      field: "name.en",
      portal: "Payroll sync",
      altinn: "Renamed elsewhere",
      differs: true,
    });

    await expect(resolveSystemDrift(p.scope(p.actors.admin), { id: rowId, winner: "altinn" })).resolves.toEqual({
      changed: ["name.en", "rights", "clientIds", "redirectUrls"],
    });
    const row = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    expect(row).toMatchObject({
      name: { en: "Renamed elsewhere" },
      rights: ["ske-skattegrunnlag"],
      clientIds: ["tool-client-1"],
      redirectUrls: [CALLBACK, "https://elsewhere.example/cb"],
    });
    expect(row.altinnSnapshot).toMatchObject({ name: { en: "Renamed elsewhere" } });
    expect(
      await p.db.auditEvent.findFirstOrThrow({
        where: { action: "system.sync", targetId: systemId },
        orderBy: { seq: "desc" },
      }),
    ).toMatchObject({
      outcome: "success",
      detail: {
        winner: "altinn",
        before: { "name.en": "Payroll sync", rights: [], clientIds: [], redirectUrls: [CALLBACK] },
        after: {
          "name.en": "Renamed elsewhere",
          rights: ["ske-skattegrunnlag"],
          clientIds: ["tool-client-1"],
          redirectUrls: [CALLBACK, "https://elsewhere.example/cb"],
        },
      },
    });
    expect((await readSystemDrift(p.scope(p.actors.admin), rowId)).inSync).toBe(true);

    // Altinn drifts again; this time the portal's values win and go back, with Altinn's other fields kept.
    const again = await altinnSystem(p, systemId);
    await otherTool(p, "PUT", `/vendor/${systemId}`, {
      ...again,
      name: { ...again.name, en: "Changed again" },
      isVisible: true,
      extraNote: "x",
    });
    await expect(resolveSystemDrift(p.scope(p.actors.admin), { id: rowId, winner: "portal" })).resolves.toEqual({
      changed: ["name.en", "isVisible"],
    });
    expect(await altinnSystem(p, systemId)).toMatchObject({
      name: { en: "Renamed elsewhere" },
      isVisible: false,
      rights,
      clientId: ["tool-client-1"],
    });
    expect(
      await p.db.auditEvent.findFirstOrThrow({
        where: { action: "system.update", targetId: systemId },
        orderBy: { seq: "desc" },
      }),
    ).toMatchObject({
      outcome: "success",
      detail: {
        winner: "portal",
        via: "sync",
        before: { "name.en": "Changed again", isVisible: true },
        after: { "name.en": "Renamed elsewhere", isVisible: false },
      },
    });
    expect((await readSystemDrift(p.scope(p.actors.admin), rowId)).inSync).toBe(true);
  });

  it("sees a deletion made elsewhere as drift; Altinn wins marks the row deleted, the portal cannot win", async () => {
    const p = ref();
    const { readSystemDrift, resolveSystemDrift } = await import("@/lib/systems/sync");
    const { rowId, systemId } = await createOwn(p, "sa-gone");
    await openPublicPage(p, rowId);
    expect(await p.m.systems.findOpenSystem("local", systemId)).not.toBeNull();
    expect(await otherTool(p, "DELETE", `/vendor/${systemId}`)).toMatchObject({ status: 200 });
    const drift = await readSystemDrift(p.scope(p.actors.admin), rowId);
    expect(drift).toMatchObject({ altinnDeleted: true, portalDeleted: false });
    expect(drift.rows.filter((r) => r.differs).map((r) => r.field)).toEqual(["deleted"]);
    const before = await counts(p);
    await expectAppError(
      resolveSystemDrift(p.scope(p.actors.admin), { id: rowId, winner: "portal" }),
      "system_deleted",
      409,
    );
    expect(await counts(p)).toEqual(before);
    await resolveSystemDrift(p.scope(p.actors.admin), { id: rowId, winner: "altinn" });
    expect((await p.db.system.findUniqueOrThrow({ where: { id: rowId } })).deletedAt).toBeInstanceOf(Date);
    expect(await p.m.systems.findOpenSystem("local", systemId)).toBeNull();
  });

  it("shows Altinn's changelog beside the portal's audit trail for the system", async () => {
    const p = ref();
    const { updateSystem } = await import("@/lib/systems/edit");
    const { getSystemHistory } = await import("@/lib/systems/sync");
    const { rowId, systemId } = await createOwn(p, "sa-hist");
    const row = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    await updateSystem(p.scope(p.actors.admin), { ...editOf(row), nameNb: "Lønnssynk 2" });
    const history = await getSystemHistory(p.scope(p.actors.admin), rowId);
    expect(history.changelogError).toBeNull();
    expect(history.changelog?.map((e) => e.changeType)).toEqual(["create", "update"]);
    expect(history.changelog?.[0]).toMatchObject({ systemInternalId: row.altinnInternalId, changedByOrgNumber: ORG });
    expect(history.changelog?.[1]?.changedData).toMatchObject({ name: { nb: "Lønnssynk 2" } });
    expect(history.audit?.map((a) => [a.action, a.outcome])).toEqual([
      ["system.register", "success"],
      ["system.update", "success"],
    ]);
    // Operators see Altinn's changelog but not the audit trail.
    const operatorView = await getSystemHistory(p.scope(p.actors.operator), rowId);
    expect(operatorView.changelog).toHaveLength(2);
    expect(operatorView.audit).toBeNull();
    void systemId;
  });

  systemVldTests(ref);
}

/**
 * Each AUTH.VLD code Altinn's System Register can return, as the emulator returns it, lands at the
 * field the form shows it at. Codes the portal catches first are also proven in the form schema
 * (lib/systems/schema.test.ts) and, where the check is the data layer's, here.
 */
function systemVldTests(ref: PortalRef) {
  const body = (p: Portal, id: string, extra: Record<string, unknown> = {}) => ({
    id,
    vendor: { authority: "iso6523-actorid-upis", ID: `0192:${ORG}` },
    name: { nb: "N", nn: "N", en: "N" },
    description: { nb: "D", nn: "D", en: "D" },
    accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
    clientId: [],
    allowedRedirectUrls: [CALLBACK],
    isVisible: false,
    ...extra,
  });
  const right = (id: string, value: string) => ({ resource: [{ id, value }] });

  // Sent through the portal's own Altinn client (callAltinn), bypassing the form's pre-checks.
  const POSTS: [string, string, (p: Portal, id: string) => Record<string, unknown>][] = [
    ["AUTH.VLD-00000", "vendor", (p, id) => body(p, id, { vendor: { ID: ORG } })],
    ["AUTH.VLD-00001", "systemId", (p) => body(p, `123456789_${unique("x")}`)],
    ["AUTH.VLD-00003", "rights", (p, id) => body(p, id, { rights: [right("urn:altinn:resource", "finnes-ikke")] })],
    ["AUTH.VLD-00005", "redirectUrls", (p, id) => body(p, id, { allowedRedirectUrls: ["http://vendor.example/cb"] })],
    [
      "AUTH.VLD-00006",
      "rights",
      (p, id) =>
        body(p, id, {
          rights: [
            right("urn:altinn:resource", "ske-skattegrunnlag"),
            right("urn:altinn:resource", "ske-skattegrunnlag"),
          ],
        }),
    ],
    [
      "AUTH.VLD-00007",
      "accessPackages",
      (p, id) =>
        body(p, id, {
          accessPackages: [
            { urn: "urn:altinn:accesspackage:skattegrunnlag" },
            { urn: "urn:altinn:accesspackage:skattegrunnlag" },
          ],
        }),
    ],
    [
      "AUTH.VLD-00008",
      "accessPackages",
      (p, id) => body(p, id, { accessPackages: [{ urn: "urn:altinn:accesspackage:finnes-ikke" }] }),
    ],
    ["AUTH.VLD-00009", "rights", (p, id) => body(p, id, { rights: [right("urn:altinn:app", "ske-skattegrunnlag")] })],
    ["AUTH.VLD-00013", "systemId", (p) => body(p, `${ORG}_has space`)],
    [
      "AUTH.VLD-00017",
      "rights",
      (p, id) => body(p, id, { rights: [right("urn:altinn:resource", "ttd-maskinporten-schema")] }),
    ],
    [
      "AUTH.VLD-00018",
      "isVisible",
      (p, id) =>
        body(p, id, { isVisible: true, accessPackages: [{ urn: "urn:altinn:accesspackage:regnskapsforer-lonn" }] }),
    ],
  ];

  it.each(POSTS)("%s from Altinn lands at %s", async (code, field, make) => {
    const p = ref();
    const { callAltinn } = await import("@/lib/integrations/altinn/http");
    const { vldMessageKey } = await import("@/lib/integrations/altinn/vld-fields");
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    const systems = (await emulatorStats(p.emulatorUrl)).systems;
    const err = await expectAppError(
      callAltinn(p.m.connect(environment), {
        method: "POST",
        path: "/systemregister/vendor",
        body: make(p, `${ORG}_${unique("vld")}`),
      }),
      code,
      400,
    );
    expect(err.fieldErrors).toEqual({ [field]: [vldMessageKey(code as Parameters<typeof vldMessageKey>[0])] });
    expect((await emulatorStats(p.emulatorUrl)).systems).toBe(systems);
  });

  it("AUTH.VLD-00002: a name another tool already took in Altinn comes back at the short name field, nothing stored", async () => {
    const p = ref();
    const name = unique("sa-taken");
    expect((await otherTool(p, "POST", "/vendor", body(p, `${ORG}_${name}`))).status).toBe(200);
    const before = await counts(p);
    const err = await expectAppError(
      p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, name)),
      "AUTH.VLD-00002",
      400,
    );
    expect(err.fieldErrors).toEqual({ name: ["sysreg.vld.00002"] });
    expect(await counts(p)).toMatchObject({ ...before, audit: before.audit + 1 });
    expect(await p.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).toMatchObject({
      action: "system.register",
      outcome: "failure",
      detail: { code: "AUTH.VLD-00002" },
    });
    // The portal's own pre-check for systems it knows gives the same field.
    const { systemId } = await createOwn(p, "sa-known");
    const known = await expectAppError(
      p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, systemId.slice(ORG.length + 1))),
      "system_exists",
      409,
    );
    expect(known.fieldErrors).toEqual({ name: ["sysreg.vld.00002"] });
  });

  it("AUTH.VLD-00004: a client id on a system only Altinn knows comes back at clientIds; one the portal knows is caught first", async () => {
    const p = ref();
    const { updateSystem } = await import("@/lib/systems/edit");
    const clientId = `tool-${randomBytes(4).toString("hex")}`;
    expect(
      (await otherTool(p, "POST", "/vendor", body(p, `${ORG}_${unique("sa-tool")}`, { clientId: [clientId] }))).status,
    ).toBe(200);
    const { rowId, systemId } = await createOwn(p, "sa-client");
    const row = await p.db.system.findUniqueOrThrow({ where: { id: rowId } });
    const before = await counts(p);
    const err = await expectAppError(
      updateSystem(p.scope(p.actors.admin), { ...editOf(row), clientIds: [clientId] }),
      "AUTH.VLD-00004",
      400,
    );
    expect(err.fieldErrors).toEqual({ clientIds: ["sysreg.vld.00004"] });
    expect(await counts(p)).toEqual({ ...before, audit: before.audit + 1 });
    expect((await altinnSystem(p, systemId)).clientId).toEqual([]);
    expect(await p.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).toMatchObject({
      action: "system.update",
      outcome: "failure",
      detail: { code: "AUTH.VLD-00004" },
    });
    // Held by a system the portal knows: refused before Altinn is asked, at the same field.
    const other = await createOwn(p, "sa-holder", { clientIds: [`held-${clientId}`] });
    const stats = await emulatorStats(p.emulatorUrl);
    const known = await expectAppError(
      updateSystem(p.scope(p.actors.admin), { ...editOf(row), clientIds: [`HELD-${clientId}`] }),
      "client_id_in_use",
      409,
    );
    expect(known.fieldErrors).toEqual({ clientIds: ["sysreg.vld.00004"] });
    expect(known.userMessage.en).toContain(other.systemId);
    expect((await emulatorStats(p.emulatorUrl)).systems).toBe(stats.systems);
  });

  it("AUTH.VLD-00005, -00007, -00008, -00011, -00018 are caught by the form's schema in the data layer before Altinn is asked", async () => {
    const p = ref();
    const { updateSystem } = await import("@/lib/systems/edit");
    const { rowId } = await createOwn(p, "sa-pre");
    const edit = editOf(await p.db.system.findUniqueOrThrow({ where: { id: rowId } }));
    const before = await counts(p);
    const cases: [Record<string, unknown>, Record<string, string[]>][] = [
      [{ redirectUrls: ["http://vendor.example/cb"] }, { redirectUrls: ["sysreg.vld.00005"] }],
      [
        { accessPackages: ["urn:altinn:accesspackage:lonn", "urn:altinn:accesspackage:lonn"] },
        { accessPackages: ["sysreg.vld.00007"] },
      ],
      [{ accessPackages: ["urn:altinn:accesspackage:finnes-ikke"] }, { accessPackages: ["sysreg.vld.00008"] }],
      [{ clientIds: ["abc", "ABC"] }, { clientIds: ["sysreg.vld.00011"] }],
      [
        { isVisible: true, accessPackages: ["urn:altinn:accesspackage:regnskapsforer-lonn"] },
        { isVisible: ["sysreg.vld.00018"] },
      ],
    ];
    for (const [change, fieldErrors] of cases) {
      const err = await expectAppError(
        updateSystem(p.scope(p.actors.admin), { ...edit, ...change }),
        "invalid_input",
        400,
      );
      expect(err.fieldErrors).toEqual(fieldErrors);
    }
    expect(await counts(p)).toEqual(before);
  });

  it("AUTH.VLD-00011 and -00012 from Altinn's PUT land at clientIds and systemId", async () => {
    const p = ref();
    const { putRegisteredSystem } = await import("@/lib/integrations/altinn/system-register");
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    const { systemId } = await createOwn(p, "sa-put");
    const current = await altinnSystem(p, systemId);
    const dup = await expectAppError(
      putRegisteredSystem(p.m.connect(environment), systemId, { ...current, clientId: ["abc", "ABC"] }),
      "AUTH.VLD-00011",
      400,
    );
    expect(dup.fieldErrors).toEqual({ clientIds: ["sysreg.vld.00011"] });
    const mismatch = await expectAppError(
      putRegisteredSystem(p.m.connect(environment), systemId, { ...current, id: `${systemId}-other` }),
      "AUTH.VLD-00012",
      400,
    );
    expect(mismatch.fieldErrors).toEqual({ systemId: ["sysreg.vld.00012"] });
  });
}
