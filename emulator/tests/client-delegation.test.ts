import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { partyUuid } from "../data/entities";
import type { RunningEmulator } from "../server";
import type { StoredSystemUser } from "../state/schema";
import {
  addSystemUser,
  AUDIT_FIRM_ORG,
  call,
  CLIENT_ADMIN_PID,
  FACILITATOR_ORG,
  NO_ROLE_PID,
  personToken,
  PKG,
} from "./control-helpers";
import { start } from "./helpers";

const BASE = "/authentication/api/v1/enduser/systemuser";
const READ = "altinn:clientdelegations.read";
const WRITE = "altinn:clientdelegations.write";
const BARNEHAGE = "310609544";
const BAKERI = "310904473";
const BYGG = "311876546";

let emu: RunningEmulator;
let agent: StoredSystemUser;
let admin = "";

beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());
beforeEach(async () => {
  await call(emu.url, "POST", "/emulator/reset");
  agent = addSystemUser(emu, {
    ownerOrgNo: FACILITATOR_ORG,
    userType: "agent",
    packages: [`${PKG}regnskapsforer-med-signeringsrettighet`],
  });
  admin = await personToken(emu.url, CLIENT_ADMIN_PID, [READ, WRITE]);
});

const vld = (code: string, title: string, path: string) => ({
  type: "urn:altinn:error:STD-00000",
  title: "One or more validation errors occurred.",
  status: 400,
  code: "STD-00000",
  traceId: expect.any(String),
  validationErrors: [{ code, title, paths: [path] }],
});

describe("client delegation API", () => {
  it("lists the facilitator's agent system users as SystemUserInternalDTO", async () => {
    addSystemUser(emu, { ownerOrgNo: FACILITATOR_ORG, userType: "standard", packages: [] });
    const res = await call(emu.url, "GET", `${BASE}/agents?party=${FACILITATOR_ORG}`, undefined, admin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: agent.id,
        integrationTitle: "Testintegrasjon",
        systemId: "991825827_testsystem",
        productName: "",
        reporteeOrgNo: FACILITATOR_ORG,
        created: "2026-01-01T00:00:00Z",
        isDeleted: false,
        supplierName: "",
        supplierOrgno: "991825827",
        externalRef: FACILITATOR_ORG,
        userType: "agent",
        systemInternalId: agent.systemInternalId,
        partyId: "54250052",
        partyUuId: partyUuid(FACILITATOR_ORG),
        accessPackages: [{ urn: `${PKG}regnskapsforer-med-signeringsrettighet` }],
      },
    ]);
    const unknown = await call(emu.url, "GET", `${BASE}/agents?party=999999999`, undefined, admin);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      type: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
      title: "Party not found",
      status: 404,
      traceId: expect.any(String),
    });
  });

  it("lists available clients holding the agent's packages, then adds and removes one", async () => {
    const info = { links: {}, systemUserInformation: { systemUserId: agent.id, systemUserOwnerOrg: FACILITATOR_ORG } };
    const available = await call(emu.url, "GET", `${BASE}/clients/available?agent=${agent.id}`, undefined, admin);
    expect(available.body).toEqual({
      ...info,
      data: [
        {
          clientId: partyUuid(BARNEHAGE),
          clientOrganizationNumber: BARNEHAGE,
          clientOrganizationName: "Bjørkely Barnehage SA",
        },
        {
          clientId: partyUuid(BAKERI),
          clientOrganizationNumber: BAKERI,
          clientOrganizationName: "Tilfeldig Bakeri AS",
        },
        {
          clientId: partyUuid("312345129"),
          clientOrganizationNumber: "312345129",
          clientOrganizationName: "Måkeskjær Kafé ENK",
        },
      ],
    });
    expect((await call(emu.url, "GET", `${BASE}/clients?agent=${agent.id}`, undefined, admin)).body).toEqual({
      ...info,
      data: [],
    });

    const added = await call(
      emu.url,
      "POST",
      `${BASE}/clients?agent=${agent.id}&client=${partyUuid(BARNEHAGE)}`,
      undefined,
      admin,
    );
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ agent: agent.id, client: partyUuid(BARNEHAGE) });
    // Idempotent: a second POST succeeds without a duplicate.
    expect(
      (
        await call(
          emu.url,
          "POST",
          `${BASE}/clients?agent=${agent.id}&client=${partyUuid(BARNEHAGE)}`,
          undefined,
          admin,
        )
      ).status,
    ).toBe(200);
    expect((await call(emu.url, "GET", `${BASE}/clients?agent=${agent.id}`, undefined, admin)).body).toEqual({
      ...info,
      data: [
        {
          clientId: partyUuid(BARNEHAGE),
          clientOrganizationNumber: BARNEHAGE,
          clientOrganizationName: "Bjørkely Barnehage SA",
        },
      ],
    });
    expect(emu.emulator.store.data.delegations).toEqual([
      { agentSystemUserId: agent.id, clientOrgNo: BARNEHAGE, created: expect.any(String) },
    ]);

    const removed = await call(
      emu.url,
      "DELETE",
      `${BASE}/clients?agent=${agent.id}&client=${partyUuid(BARNEHAGE)}`,
      undefined,
      admin,
    );
    expect(removed.body).toEqual({ agent: agent.id, client: partyUuid(BARNEHAGE) });
    const again = await call(
      emu.url,
      "DELETE",
      `${BASE}/clients?agent=${agent.id}&client=${partyUuid(BARNEHAGE)}`,
      undefined,
      admin,
    );
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: "AUTH-00038", title: "Delegation not found" });
  });

  it("validates agent and client query parameters", async () => {
    const get = (q: string) => call(emu.url, "GET", `${BASE}/clients?${q}`, undefined, admin);
    expect((await get("")).body).toEqual(
      vld("AUTH.VLD-00014", "The agent query parameter is missing or invalid", "?agent"),
    );
    expect((await get("agent=nope")).body).toEqual(
      vld("AUTH.VLD-00014", "The agent query parameter is missing or invalid", "?agent"),
    );
    expect((await get(`agent=${randomUUID()}`)).body).toEqual(vld("AUTH.VLD-00014", "System user not found", "?agent"));
    const standard = addSystemUser(emu, { ownerOrgNo: FACILITATOR_ORG, userType: "standard", packages: [] });
    expect((await get(`agent=${standard.id}`)).body).toEqual(
      vld("AUTH.VLD-00015", "SystemUser is not a valid system user of type agent", "?agent"),
    );
    const post = await call(emu.url, "POST", `${BASE}/clients?agent=${agent.id}`, undefined, admin);
    expect(post.status).toBe(400);
    expect(post.body).toEqual(vld("AUTH.VLD-00016", "The client query parameter is missing or invalid", "?client"));
  });

  it("answers 404 System Owner not Found when the owner is not a known party", async () => {
    const orphan = addSystemUser(emu, { ownerOrgNo: "999999999", userType: "agent", packages: [] });
    const res = await call(emu.url, "GET", `${BASE}/clients?agent=${orphan.id}`, undefined, admin);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ title: "System Owner not Found", status: 404 });
  });

  it("rejects clients of other facilitators (AUTH-00079) and clients lacking packages (AUTH-00080)", async () => {
    const notClient = await call(
      emu.url,
      "POST",
      `${BASE}/clients?agent=${agent.id}&client=${partyUuid("313469999")}`,
      undefined,
      admin,
    );
    expect(notClient.status).toBe(400);
    expect(notClient.body).toEqual({
      type: "urn:altinn:error:AUTH-00079",
      title: "Client not found.",
      status: 400,
      code: "AUTH-00079",
      traceId: expect.any(String),
    });
    expect(
      (await call(emu.url, "POST", `${BASE}/clients?agent=${agent.id}&client=${randomUUID()}`, undefined, admin)).body,
    ).toMatchObject({ code: "AUTH-00079" });
    const lacking = await call(
      emu.url,
      "POST",
      `${BASE}/clients?agent=${agent.id}&client=${partyUuid(BYGG)}`,
      undefined,
      admin,
    );
    expect(lacking.status).toBe(400);
    expect(lacking.body).toMatchObject({
      code: "AUTH-00080",
      title: "Client does not have the accesspackages the agent system user requires",
    });
    expect(emu.emulator.store.data.delegations).toEqual([]);
  });

  it("enforces token, scope and the client-administrator role", async () => {
    expect((await call(emu.url, "GET", `${BASE}/clients?agent=${agent.id}`)).status).toBe(401);
    const readOnly = await personToken(emu.url, CLIENT_ADMIN_PID, [READ]);
    expect(
      (
        await call(
          emu.url,
          "POST",
          `${BASE}/clients?agent=${agent.id}&client=${partyUuid(BARNEHAGE)}`,
          undefined,
          readOnly,
        )
      ).status,
    ).toBe(403);
    const outsider = await personToken(emu.url, NO_ROLE_PID, [READ, WRITE]);
    const denied = await call(emu.url, "GET", `${BASE}/clients?agent=${agent.id}`, undefined, outsider);
    expect(denied.status).toBe(403);
    expect(denied.body).toBe("");
    expect((await call(emu.url, "GET", `${BASE}/agents?party=${FACILITATOR_ORG}`, undefined, outsider)).status).toBe(
      403,
    );
    // The audit firm's client administrator has no rights at the accounting firm.
    const auditor = await personToken(emu.url, "23117598765", [READ]);
    expect((await call(emu.url, "GET", `${BASE}/agents?party=${AUDIT_FIRM_ORG}`, undefined, auditor)).status).toBe(200);
    expect((await call(emu.url, "GET", `${BASE}/agents?party=${FACILITATOR_ORG}`, undefined, auditor)).status).toBe(
      403,
    );
  });

  it("expires person tokens with the emulated clock", async () => {
    expect((await call(emu.url, "POST", "/emulator/clock", { advanceDays: 1 })).status).toBe(200);
    expect((await call(emu.url, "GET", `${BASE}/clients?agent=${agent.id}`, undefined, admin)).status).toBe(401);
  });
});
