import { beforeAll, expect, it, vi } from "vitest";
import type { PortalRef } from "../flow-suite";
import type { Portal } from "../portal";
import { emulatorFetch, emulatorStats } from "../emulator-api";
import { decideRequest } from "../emulator-controls";
import { addOrganisations, altinnCall, counts, expectAppError } from "../helpers";
import { ORG_BLOCKS, orgPool } from "../org-numbers";
import { seedBareEnvironment, seedRequest, seedSystem } from "../seed";

// This suite's own customers (added to the emulator's register before the first test). CONNECTED
// already holds a system user of the suite's system.
const orgs = orgPool(ORG_BLOCKS.customers);
// Tallkloa's number is below Steinbru's: selections report customers in org-number order.
const [TALLKLOA = "", STEINBRU = "", MAKESKJAER = "", CONNECTED = "", REFUSED = ""] = orgs.take(5);
const MANY = orgs.take(27);
const spaced = (o: string) => `${o.slice(0, 3)} ${o.slice(3, 6)} ${o.slice(6)}`;
const DAY_MS = 86_400_000;

const kinds = async (p: Portal, requestId: string) =>
  (await p.db.requestEvent.findMany({ where: { requestId }, orderBy: { at: "asc" } })).map((e) => e.kind);

const allCounts = async (p: Portal) => ({ ...(await counts(p)), events: await p.db.requestEvent.count() });

export function customerTests(ref: PortalRef) {
  const state = { systemRowId: "", systemId: "", steinbruId: "", steinbruRef: "" };

  beforeAll(async () => {
    const p = ref();
    await addOrganisations(p, [STEINBRU, MAKESKJAER, TALLKLOA, CONNECTED, REFUSED]);
    const system = await seedSystem(p, { prefix: "kunde" });
    Object.assign(state, { systemRowId: system.id, systemId: system.systemId });
    await seedRequest(p, { system, orgNo: CONNECTED, outcome: "approved" });
  });

  it("creates a customer with an opaque random externalRef, and refuses bad input with nothing written", async () => {
    const p = ref();
    const created = await p.m.customers.createCustomer(p.scope(p.actors.operator), {
      orgNo: spaced(STEINBRU),
      name: "Steinbru Bygg og Anlegg AS",
      notes: "Pilot",
      tags: "Bygg, pilot",
    });
    expect(created.externalRef).toMatch(/^c_[a-z2-7]{16}$/);
    expect(created.externalRef).not.toContain(STEINBRU);
    const row = await p.db.customer.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      orgNo: STEINBRU,
      name: "Steinbru Bygg og Anlegg AS",
      notes: "Pilot",
      tags: ["bygg", "pilot"],
    });
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "customer.create", targetId: created.id },
    });
    expect(audit).toMatchObject({ actorId: p.actors.operator.id, outcome: "success", environmentId: p.environmentId });
    Object.assign(state, { steinbruId: created.id, steinbruRef: created.externalRef });

    const before = await allCounts(p);
    await expectAppError(
      p.m.customers.createCustomer(p.scope(p.actors.operator), {
        orgNo: `${STEINBRU.slice(0, 8)}${(Number(STEINBRU[8]) + 1) % 10}`,
        name: "X",
        notes: "",
        tags: "",
      }),
      "invalid_input",
      400,
    );
    await expectAppError(
      p.m.customers.createCustomer(p.scope(p.actors.operator), {
        orgNo: STEINBRU,
        name: "Again",
        notes: "",
        tags: "",
      }),
      "customer_exists",
      409,
    );
    await expectAppError(
      p.m.customers.createCustomer(p.scope(p.actors.operator), {
        orgNo: MAKESKJAER,
        name: "M",
        notes: "",
        tags: "bad tag!",
      }),
      "invalid_input",
      400,
    );
    expect(await allCounts(p)).toEqual(before);

    await p.m.customers.updateCustomer(p.scope(p.actors.operator), {
      id: created.id,
      name: "Steinbru AS",
      notes: "",
      tags: "bygg",
    });
    await expect(p.db.customer.findUniqueOrThrow({ where: { id: created.id } })).resolves.toMatchObject({
      name: "Steinbru AS",
      notes: "",
      tags: ["bygg"],
      externalRef: created.externalRef,
    });
  });

  it("searches by name or org number, filters by tag and status, and pages by cursor", async () => {
    const p = ref();
    for (const [i, orgNo] of MANY.entries()) {
      await p.m.customers.createCustomer(p.scope(p.actors.operator), {
        orgNo,
        name: `Pagetest ${String(i).padStart(2, "0")} AS`,
        notes: "",
        tags: "paging",
      });
    }
    const search = (filter: Record<string, string>) => p.m.customers.searchCustomers(p.scope(p.actors.auditor), filter);
    expect((await search({ q: "steinbru" })).customers.map((c) => c.orgNo)).toEqual([STEINBRU]);
    expect(
      (await search({ q: `${STEINBRU.slice(0, 3)} ${STEINBRU.slice(3, 8)}` })).customers.map((c) => c.orgNo),
    ).toEqual([STEINBRU]);
    expect((await search({ tag: "bygg" })).customers.map((c) => c.orgNo)).toEqual([STEINBRU]);
    expect((await search({ tag: "bygg", status: "waiting" })).customers).toEqual([]);
    expect((await search({ tag: "bygg", status: "none" })).customers.map((c) => c.orgNo)).toEqual([STEINBRU]);
    // CONNECTED holds a system user (seeded before the first test): "connected".
    expect((await search({ status: "connected" })).customers.map((c) => c.orgNo)).toContain(CONNECTED);

    const first = await search({ tag: "paging" });
    expect(first.customers).toHaveLength(25);
    expect(first.nextCursor).toBe(first.customers.at(-1)?.id);
    const second = await search({ tag: "paging", cursor: first.nextCursor ?? "" });
    expect(second.customers).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.customers, ...second.customers].map((c) => c.orgNo);
    expect(new Set(seen)).toEqual(new Set(MANY));
    // A malformed filter is ignored, not an error.
    expect((await search({ status: "bogus", tag: "paging", cursor: "nope" })).customers).toHaveLength(25);
  });

  it("exports CSV for the current environment only, with formula cells neutralised", async () => {
    const p = ref();
    await p.m.customers.createCustomer(p.scope(p.actors.admin), {
      orgNo: TALLKLOA,
      name: '=HYPERLINK("http://evil")',
      notes: "@SUM(1)",
      tags: "",
    });
    const other = await seedBareEnvironment(p, "csv-other");
    const foreign = await p.db.customer.create({
      data: { environmentId: other.id, orgNo: "313469999", name: "Elsewhere AS", externalRef: "c_foreignforeign12" },
    });
    try {
      const csv = await p.m.customerExport.exportCustomersCsv(p.scope(p.actors.operator));
      const lines = csv.trimEnd().split("\r\n");
      expect(lines[0]).toBe(
        '"orgNo","name","externalRef","tags","status","systemUsers","latestRequestStatus","confirmUrl","notes","createdAt","contactEmail","contactLocale"',
      );
      expect(csv).not.toContain("Elsewhere AS");
      const tallkloa = lines.find((l) => l.startsWith(`"${TALLKLOA}"`));
      expect(tallkloa).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(tallkloa).toContain(`"'@SUM(1)"`);
      expect(lines.find((l) => l.startsWith(`"${STEINBRU}"`))).toContain(`"${state.steinbruRef}","bygg","none"`);
      expect(lines.find((l) => l.startsWith(`"${CONNECTED}"`))).toMatch(
        new RegExp(`"connected","${state.systemId}:[0-9a-f-]{36}","Accepted"`),
      );
    } finally {
      await p.db.customer.delete({ where: { id: foreign.id } });
      await p.db.environment.delete({ where: { id: other.id } });
    }
  });

  it("keeps the timeline create → reject → renew → accept, with the customer's own externalRef", async () => {
    const p = ref();
    const first = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: STEINBRU,
    });
    const old = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: first.id } });
    expect(old.externalRef).toBe(state.steinbruRef);
    await decideRequest(p, old.altinnRequestId, "reject");
    await expect(p.m.requests.refreshRequest(p.scope(p.actors.operator), first.id)).resolves.toMatchObject({
      status: "Rejected",
    });
    expect(await kinds(p, first.id)).toEqual(["created", "rejected"]);

    const renewed = await p.m.requestRenew.renewRequest(p.scope(p.actors.operator), first.id);
    expect(renewed).toMatchObject({ status: "New", existed: false, renewedFrom: first.id });
    expect(renewed.id).not.toBe(first.id);
    expect((await altinnCall(p, `/systemuser/request/vendor/${old.altinnRequestId}`)).status).toBe(404);
    expect(await kinds(p, first.id)).toEqual(["created", "rejected", "deleted", "renewed"]);
    expect(
      (await p.db.requestEvent.findFirstOrThrow({ where: { requestId: first.id, kind: "renewed" } })).detail,
    ).toEqual({ to: renewed.id });
    expect((await p.db.requestEvent.findFirstOrThrow({ where: { requestId: renewed.id } })).detail).toMatchObject({
      renewedFrom: first.id,
    });
    const audits = (
      await p.db.auditEvent.findMany({ where: { targetId: { in: [first.id, renewed.id] } }, orderBy: { seq: "asc" } })
    ).map((e) => e.action);
    expect(audits).toEqual(["request.create", "request.status", "request.delete", "request.create"]);

    const fresh = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: renewed.id } });
    await decideRequest(p, fresh.altinnRequestId, "approve");
    await expect(p.m.requests.refreshRequest(p.scope(p.actors.operator), renewed.id)).resolves.toMatchObject({
      status: "Accepted",
    });
    expect(await kinds(p, renewed.id)).toEqual(["created", "accepted"]);
    await expect(p.db.systemUser.findFirstOrThrow({ where: { requestId: renewed.id } })).resolves.toMatchObject({
      externalRef: state.steinbruRef,
    });

    // Only rejected or expired requests are renewed; an accepted one is left alone.
    const before = await allCounts(p);
    await expectAppError(
      p.m.requestRenew.renewRequest(p.scope(p.actors.operator), renewed.id),
      "request_not_renewable",
      409,
    );
    expect(await allCounts(p)).toEqual(before);
  });

  it("records expiry when Altinn has forgotten a waiting request after 28 days", async () => {
    const p = ref();
    await p.m.customers.createCustomer(p.scope(p.actors.operator), {
      orgNo: MAKESKJAER,
      name: "Måkeskjær Kafé",
      notes: "",
      tags: "",
    });
    const r = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: MAKESKJAER,
    });
    // The emulator runs in this process and dates everything by Date.now(), so moving Date moves both
    // clocks together (moving only the emulator's would make Maskinporten refuse the portal's grants).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 29 * DAY_MS });
    try {
      expect((await emulatorFetch(p.emulatorUrl, "/emulator/clock")).json).toMatchObject({ offsetMs: 0 });
      await expect(p.m.requests.refreshRequest(p.scope(p.actors.operator), r.id)).resolves.toEqual({
        status: "Timedout",
        missingInAltinn: true,
      });
      expect(await kinds(p, r.id)).toEqual(["created", "expired"]);
      const before = await allCounts(p);
      await p.m.requests.refreshRequest(p.scope(p.actors.operator), r.id);
      expect(await allCounts(p)).toEqual(before);
    } finally {
      vi.useRealTimers();
    }
  });

  it("creates requests for a selection, reports each customer, and is idempotent", async () => {
    const p = ref();
    const tallkloa = await p.db.customer.findFirstOrThrow({
      where: { environmentId: p.environmentId, orgNo: TALLKLOA },
    });
    const input = { systemId: state.systemRowId, customerIds: [tallkloa.id, state.steinbruId] };
    const first = await p.m.requestBulk.createRequestsForSelection(p.scope(p.actors.operator), input);
    expect(first.map((o) => [o.orgNo, o.ok, o.existed])).toEqual([
      [TALLKLOA, true, false],
      [STEINBRU, false, undefined],
    ]);
    // Steinbru already holds a system user of this system: Altinn refuses (AUTH-00004), the rest goes on.
    expect(first[1]?.message?.en).toBe("The customer already has a system user for this system.");
    const altinnBefore = await emulatorStats(p.emulatorUrl);
    const before = await allCounts(p);
    const again = await p.m.requestBulk.createRequestsForSelection(p.scope(p.actors.operator), input);
    expect(again[0]).toEqual({ ...first[0], existed: true });
    expect((await emulatorStats(p.emulatorUrl)).requests).toBe(altinnBefore.requests);
    expect((await allCounts(p)).requests).toBe(before.requests);
    const row = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: first[0]?.requestId ?? "" } });
    expect(row.externalRef).toBe(tallkloa.externalRef);
  });

  it("records an escalation once, while the request keeps waiting", async () => {
    const p = ref();
    const row = await p.db.systemUserRequest.findFirstOrThrow({
      where: { status: "New", customer: { orgNo: TALLKLOA } },
    });
    await decideRequest(p, row.altinnRequestId, "escalate");
    await expect(p.m.requests.refreshRequest(p.scope(p.actors.operator), row.id)).resolves.toMatchObject({
      status: "New",
    });
    expect(await kinds(p, row.id)).toEqual(["created", "escalated"]);
    const before = await allCounts(p);
    await p.m.requests.refreshRequest(p.scope(p.actors.operator), row.id);
    expect(await allCounts(p)).toEqual(before);
  });

  it("lets auditors read but not write, and refuses them the export, with nothing written", async () => {
    const p = ref();
    const { auditor, operator } = p.actors;
    const before = await allCounts(p);
    const altinnBefore = await emulatorStats(p.emulatorUrl);
    const request = await p.db.systemUserRequest.findFirstOrThrow({
      where: { status: "Rejected", customer: { orgNo: STEINBRU } },
    });
    await expectAppError(
      p.m.customers.createCustomer(p.scope(auditor), { orgNo: REFUSED, name: "A", notes: "", tags: "" }),
      "forbidden",
      403,
    );
    await expectAppError(
      p.m.customers.updateCustomer(p.scope(auditor), { id: state.steinbruId, name: "A", notes: "", tags: "" }),
      "forbidden",
      403,
    );
    await expectAppError(p.m.customerExport.exportCustomersCsv(p.scope(auditor)), "forbidden", 403);
    await expectAppError(p.m.customerExport.exportCustomersCsv(p.scope(null)), "forbidden", 403);
    await expectAppError(p.m.requestRenew.renewRequest(p.scope(auditor), request.id), "forbidden", 403);
    await expectAppError(
      p.m.requestBulk.createRequestsForSelection(p.scope(auditor), {
        systemId: state.systemRowId,
        customerIds: [state.steinbruId],
      }),
      "forbidden",
      403,
    );
    // An operator may renew, but not across environments or a request already renewed away.
    await expectAppError(
      p.m.requestBulk.createRequestsForSelection(p.scope(operator), {
        systemId: state.systemRowId,
        customerIds: [],
      }),
      "invalid_input",
      400,
    );
    expect(await allCounts(p)).toEqual(before);
    expect(await emulatorStats(p.emulatorUrl)).toEqual(altinnBefore);
    const customerCount = await p.db.customer.count({ where: { environmentId: p.environmentId } });
    expect((await p.m.customers.searchCustomers(p.scope(auditor), {})).customers).toHaveLength(
      Math.min(25, customerCount),
    );
    await expect(p.m.requestEvents.listRequestEvents(p.scope(auditor), request.id)).resolves.toHaveLength(4);
  });
}
