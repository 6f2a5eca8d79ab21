import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { emulatorStats, registeredSystemSchema, requestSchema, systemUserSchema } from "../emulator-api";
import { decideRequest } from "../emulator-controls";
import { addOrganisations, altinnCall, CALLBACK, counts, expectAppError, systemInput } from "../helpers";
import { ORG_BLOCKS, orgNumbers } from "../org-numbers";
import { uniqueName } from "../seed";
import { EXTERNAL_REF_PATTERN } from "@/lib/customers/external-ref";

// The chain builds everything itself, one step per test: a system with a client id of its own (not the
// environment's, which the token doctor's system holds), a customer first seen through the request.
const NAME = uniqueName("lonn-sync");
const SYSTEM_ID = `991825827_${NAME}`;
const CLIENT_ID = randomUUID();
const [CUSTOMER_ORG = ""] = orgNumbers(1, ORG_BLOCKS.chain);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function chainTests(ref: PortalRef) {
  const state = { systemRowId: "", requestId: "", altinnRequestId: "", externalRef: "" };

  beforeAll(async () => {
    await addOrganisations(ref(), [CUSTOMER_ORG]);
  });

  it("registers the system in Altinn and stores Altinn's internal id", async () => {
    const p = ref();
    const systemsBefore = (await emulatorStats(p.emulatorUrl)).systems;
    const created = await p.m.systems.createSystem(
      p.scope(p.actors.admin),
      systemInput(p, NAME, { clientIds: [CLIENT_ID] }),
    );
    expect(created.systemId).toBe(SYSTEM_ID);
    state.systemRowId = created.id;
    const row = await p.db.system.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.altinnInternalId).toMatch(UUID);
    expect(row).toMatchObject({
      redirectUrls: [CALLBACK],
      clientIds: [CLIENT_ID],
      isVisible: false,
    });
    expect((await emulatorStats(p.emulatorUrl)).systems).toBe(systemsBefore + 1);
    const remote = await altinnCall(p, `/systemregister/vendor/${SYSTEM_ID}`);
    expect(remote.status).toBe(200);
    expect(registeredSystemSchema.parse(remote.json)).toMatchObject({
      id: SYSTEM_ID,
      vendor: { ID: "0192:991825827" },
      accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
      clientId: row.clientIds,
      allowedRedirectUrls: [CALLBACK],
      isVisible: false,
    });
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "system.register", outcome: "success", targetId: SYSTEM_ID },
    });
    expect(audit).toMatchObject({
      actorId: p.actors.admin.id,
      targetId: SYSTEM_ID,
      detail: { altinnInternalId: row.altinnInternalId },
    });
  });

  it("refuses to register the same system name twice", async () => {
    const p = ref();
    const before = await counts(p);
    const systemsBefore = (await emulatorStats(p.emulatorUrl)).systems;
    await expectAppError(p.m.systems.createSystem(p.scope(p.actors.admin), systemInput(p, NAME)), "system_exists", 409);
    expect(await counts(p)).toEqual(before);
    expect((await emulatorStats(p.emulatorUrl)).systems).toBe(systemsBefore);
  });

  it("refuses a second system on a client id another system holds (Altinn allows one system per client)", async () => {
    const p = ref();
    const before = await counts(p);
    const input = systemInput(p, uniqueName("second"), { clientIds: [CLIENT_ID] });
    const err = await expectAppError(p.m.systems.createSystem(p.scope(p.actors.admin), input), "client_id_in_use", 409);
    expect(err.userMessage.en).toContain(SYSTEM_ID);
    expect(await counts(p)).toEqual(before);
  });

  it("creates a request for the customer, and reuses it when asked again", async () => {
    const p = ref();
    const altinnBefore = (await emulatorStats(p.emulatorUrl)).requests;
    const first = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: CUSTOMER_ORG,
    });
    expect(first).toMatchObject({ status: "New", existed: false });
    expect(first.confirmUrl.startsWith(`${p.emulatorUrl}/accessmanagement/ui/systemuser/request?id=`)).toBe(true);
    expect(new URL(first.confirmUrl).searchParams.get("DONTCHOOSEREPORTEE")).toBe("true");
    const row = await p.db.systemUserRequest.findUniqueOrThrow({
      where: { id: first.id },
      include: { customer: true },
    });
    // A customer first seen through a request gets an opaque externalRef like any other, and the
    // request carries that same ref to Altinn.
    expect(row.customer.externalRef).toMatch(EXTERNAL_REF_PATTERN);
    expect(row).toMatchObject({
      externalRef: row.customer.externalRef,
      createdVia: "operator",
      createdById: p.actors.operator.id,
      customer: { orgNo: CUSTOMER_ORG },
    });
    state.externalRef = row.customer.externalRef;
    expect(row.redirectUrl).toBe(`${CALLBACK}?ref=${first.id}`);
    expect(new URL(first.confirmUrl).searchParams.get("id")).toBe(row.altinnRequestId);
    Object.assign(state, { requestId: first.id, altinnRequestId: row.altinnRequestId });

    const before = await counts(p);
    const again = await p.m.requests.createRequest(p.scope(p.actors.operator), {
      systemId: state.systemRowId,
      orgNo: CUSTOMER_ORG,
    });
    expect(again).toEqual({ id: first.id, confirmUrl: first.confirmUrl, status: "New", existed: true });
    expect(await counts(p)).toEqual(before);
    expect((await emulatorStats(p.emulatorUrl)).requests).toBe(altinnBefore + 1);
  });

  it("links the system user once the customer approves and the request is refreshed", async () => {
    const p = ref();
    await expect(p.m.requests.refreshRequest(p.scope(p.actors.operator), state.requestId)).resolves.toEqual({
      status: "New",
      missingInAltinn: false,
    });
    const approved = await decideRequest(p, state.altinnRequestId, "approve");
    expect(requestSchema.parse(approved)).toMatchObject({
      id: state.altinnRequestId,
      status: "Accepted",
      partyOrgNo: CUSTOMER_ORG,
    });

    await expect(p.m.requests.refreshRequest(p.scope(p.actors.operator), state.requestId)).resolves.toEqual({
      status: "Accepted",
      missingInAltinn: false,
    });
    const remote = await altinnCall(
      p,
      `/systemuser/vendor/byquery?system-id=${SYSTEM_ID}&orgno=${CUSTOMER_ORG}&external-ref=${state.externalRef}`,
    );
    const systemUser = systemUserSchema.parse(remote.json);
    const linked = await p.db.systemUser.findMany({
      where: { systemId: state.systemRowId },
      include: { customer: true },
    });
    expect(linked).toHaveLength(1);
    expect(linked[0]).toMatchObject({
      altinnSystemUserId: systemUser.id,
      requestId: state.requestId,
      systemId: state.systemRowId,
      externalRef: state.externalRef,
      customer: { orgNo: CUSTOMER_ORG },
    });
    const request = await p.db.systemUserRequest.findUniqueOrThrow({ where: { id: state.requestId } });
    expect(request.status).toBe("Accepted");
    expect(request.lastCheckedAt).toBeInstanceOf(Date);
    const actions = (await p.db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2 })).map((e) => [
      e.action,
      e.detail,
    ]);
    expect(actions).toEqual([
      ["systemuser.link", { orgNo: CUSTOMER_ORG, systemId: SYSTEM_ID }],
      ["request.status", { from: "New", to: "Accepted" }],
    ]);

    const before = await counts(p);
    await expect(p.m.requests.refreshRequest(p.scope(p.actors.operator), state.requestId)).resolves.toMatchObject({
      status: "Accepted",
    });
    expect(await counts(p)).toEqual(before);
  });

  it("completes onboarding for the request's own id and for nothing else", async () => {
    const p = ref();
    const before = await counts(p);
    await expect(p.m.onboarding.completeOnboarding(state.requestId)).resolves.toEqual({
      kind: "connected",
      ref: state.requestId,
      orgNo: CUSTOMER_ORG,
      envSlug: "local",
      systemId: SYSTEM_ID,
      systemName: { nb: "Lønnssynk", nn: "Lønssynk", en: "Payroll sync" },
    });
    for (const bad of [randomUUID(), "not-a-uuid", `${state.requestId}'--`]) {
      await expect(p.m.onboarding.completeOnboarding(bad)).resolves.toEqual({ kind: "unknown" });
    }
    expect(await counts(p)).toEqual(before);
  });
}
