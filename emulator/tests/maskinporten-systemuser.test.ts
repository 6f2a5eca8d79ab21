// System-user tokens (CONTRACT §1.4): RAR resolution against the emulator's systems and system
// users, the three MP-303 causes, and Altinn's byExternalId lookup that backs it.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import {
  accessToken,
  api,
  CUSTOMER_ORG,
  json,
  newKey,
  postToken,
  registerClient,
  signGrant,
  start,
  systemBody,
  VENDOR_ORG,
  VENDOR_SCOPES,
  type TestClient,
} from "./helpers";
import { createSystemUser, tokenError, type SystemUserSetup } from "./tokens-setup";

const SCOPE = VENDOR_SCOPES[0] ?? "";
const LOOKUP_SCOPE = "altinn:maskinporten/systemuser.read";
const OTHER_CUSTOMER = "313469999";
let emu: RunningEmulator;
let vendor: TestClient;
let setup: SystemUserSetup;

beforeAll(async () => {
  emu = await start();
});
afterAll(async () => emu.close());
beforeEach(async () => {
  await fetch(`${emu.url}/emulator/reset`, { method: "POST" });
  vendor = await registerClient(emu.url, await newKey());
  setup = await createSystemUser(emu.url, vendor, CUSTOMER_ORG, { clientIds: [vendor.clientId] });
});

const rar = (org: string, externalRef?: string) => [
  {
    type: "urn:altinn:systemuser",
    systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${org}` },
    ...(externalRef !== undefined ? { externalRef } : {}),
  },
];
const mp303 = (cause: string) => ({
  error: "invalid_altinn_customer_configuration",
  error_description: `MP-303 System user not found: ${cause}`,
});

describe("system-user token", () => {
  it("carries authorization_details with systemuser_id, system_id and the vendor as consumer", async () => {
    const res = await postToken(
      emu.url,
      await signGrant(emu.url, vendor, SCOPE, { claims: { authorization_details: rar(CUSTOMER_ORG) } }),
    );
    expect(res.status).toBe(200);
    const body = await json(res);
    // UNCONFIRMED point resolved: the response does not echo authorization_details.
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "scope", "token_type"]);
    const claims = decodeJwt(String(body.access_token));
    expect(claims.authorization_details).toEqual([
      {
        type: "urn:altinn:systemuser",
        systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${CUSTOMER_ORG}` },
        systemuser_id: [setup.systemUserId],
        system_id: setup.systemId,
      },
    ]);
    expect(claims.consumer).toEqual({ authority: "iso6523-actorid-upis", ID: `0192:${VENDOR_ORG}` });
    // The exchange copies authorization_details into the Altinn token (CONTRACT §2).
    const exchanged = await fetch(`${emu.url}/authentication/api/v1/exchange/maskinporten`, {
      headers: { authorization: `Bearer ${String(body.access_token)}` },
    });
    expect(decodeJwt(await exchanged.text()).authorization_details).toEqual(claims.authorization_details);
  });

  it("matches an explicit externalRef equal to the default (the org number)", async () => {
    const res = await postToken(
      emu.url,
      await signGrant(emu.url, vendor, SCOPE, { claims: { authorization_details: rar(CUSTOMER_ORG, CUSTOMER_ORG) } }),
    );
    expect(res.status).toBe(200);
  });

  it("requires the externalRef a system user was created with", async () => {
    const other = await createSystemUser(emu.url, vendor, OTHER_CUSTOMER, {
      clientIds: [],
      externalRef: "avdeling-7",
      systemId: setup.systemId,
    });
    expect(
      await tokenError(
        emu.url,
        await signGrant(emu.url, vendor, SCOPE, { claims: { authorization_details: rar(OTHER_CUSTOMER) } }),
      ),
    ).toEqual(mp303(`externalRef ${OTHER_CUSTOMER} does not match the system user of organisation ${OTHER_CUSTOMER}`));
    const res = await postToken(
      emu.url,
      await signGrant(emu.url, vendor, SCOPE, { claims: { authorization_details: rar(OTHER_CUSTOMER, "avdeling-7") } }),
    );
    expect(res.status).toBe(200);
    const details = decodeJwt(String((await json(res)).access_token)).authorization_details;
    expect(details).toEqual([
      expect.objectContaining({ systemuser_id: [other.systemUserId], system_id: other.systemId }),
    ]);
  });

  it("resolves an agent system user by its owner, the facilitator org", async () => {
    const facilitator = "314250052";
    const systemId = `${VENDOR_ORG}_agentsys`;
    const other = await registerClient(emu.url, await newKey());
    const reg = await api(
      emu.url,
      setup.vendorToken,
      "POST",
      "/systemregister/vendor",
      systemBody(systemId, {
        clientId: [other.clientId],
        accessPackages: [{ urn: "urn:altinn:accesspackage:regnskapsforer-lonn" }],
        isVisible: false,
      }),
    );
    expect(reg.status, await reg.clone().text()).toBe(200);
    const request = await api(emu.url, setup.vendorToken, "POST", "/systemuser/request/vendor/agent", {
      systemId,
      partyOrgNo: facilitator,
      accessPackages: [{ urn: "urn:altinn:accesspackage:regnskapsforer-lonn" }],
    });
    expect(request.status, await request.clone().text()).toBe(201);
    expect(
      (
        await fetch(`${emu.url}/emulator/agentrequests/${String((await json(request)).id)}/approve`, {
          // Ola Prøvesen may accept on behalf of the facilitator.
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ personId: "15029054321" }),
        })
      ).status,
    ).toBe(200);
    const res = await postToken(
      emu.url,
      await signGrant(emu.url, other, SCOPE, { claims: { authorization_details: rar(facilitator) } }),
    );
    expect(res.status).toBe(200);
    const details = decodeJwt(String((await json(res)).access_token)).authorization_details;
    expect(details).toEqual([
      expect.objectContaining({
        system_id: systemId,
        systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${facilitator}` },
      }),
    ]);
  });

  it("MP-303 when the client id is not on any of the vendor's systems", async () => {
    const stranger = await registerClient(emu.url, await newKey());
    expect(
      await tokenError(
        emu.url,
        await signGrant(emu.url, stranger, SCOPE, { claims: { authorization_details: rar(CUSTOMER_ORG) } }),
      ),
    ).toEqual(mp303(`client_id ${stranger.clientId} is not registered on any system of vendor ${VENDOR_ORG}`));
  });

  it("MP-303 when the organisation has no system user for the system", async () => {
    expect(
      await tokenError(
        emu.url,
        await signGrant(emu.url, vendor, SCOPE, { claims: { authorization_details: rar(OTHER_CUSTOMER) } }),
      ),
    ).toEqual(mp303(`no system user for organisation ${OTHER_CUSTOMER} on the client's system`));
  });

  it("rejects malformed authorization_details as invalid_request", async () => {
    const two = [...rar(CUSTOMER_ORG), ...rar(OTHER_CUSTOMER)];
    expect(
      await tokenError(emu.url, await signGrant(emu.url, vendor, SCOPE, { claims: { authorization_details: two } })),
    ).toEqual({
      error: "invalid_request",
      error_description:
        "Invalid assertion. Invalid parameter value: authorization_details must be an array with exactly one element",
    });
    const bad = [
      { type: "urn:altinn:systemuser", systemuser_org: { authority: "iso6523-actorid-upis", ID: CUSTOMER_ORG } },
    ];
    expect(
      (await tokenError(emu.url, await signGrant(emu.url, vendor, SCOPE, { claims: { authorization_details: bad } })))
        .error,
    ).toBe("invalid_request");
  });
});

describe("GET /systemuser/byExternalId", () => {
  let lookupToken: string;
  beforeEach(async () => {
    lookupToken = await accessToken(
      emu.url,
      await registerClient(emu.url, await newKey(), "991825827", [LOOKUP_SCOPE]),
      LOOKUP_SCOPE,
    );
  });
  const lookup = (query: Record<string, string>, token = lookupToken) =>
    api(emu.url, token, "GET", `/systemuser/byExternalId?${new URLSearchParams(query).toString()}`);
  const full = () => ({
    clientId: vendor.clientId,
    systemProviderOrgNo: VENDOR_ORG,
    systemUserOwnerOrgNo: CUSTOMER_ORG,
  });

  it("returns the SystemUserExternalDTO, with an empty externalRef meaning the owner org", async () => {
    for (const query of [full(), { ...full(), externalRef: "" }, { ...full(), externalRef: CUSTOMER_ORG }]) {
      const res = await lookup(query);
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({
        id: setup.systemUserId,
        systemId: setup.systemId,
        reporteeOrgNo: CUSTOMER_ORG,
        supplierOrgno: VENDOR_ORG,
        externalRef: CUSTOMER_ORG,
        userType: "standard",
      });
    }
  });

  it("answers 400 for each missing required parameter and 404 for no match", async () => {
    for (const name of ["clientId", "systemProviderOrgNo", "systemUserOwnerOrgNo"] as const) {
      const query: Record<string, string> = full();
      delete query[name];
      const res = await lookup(query);
      expect(res.status).toBe(400);
      expect((await json(res)).errors).toEqual({ [name]: [`The ${name} field is required.`] });
    }
    expect((await lookup({ ...full(), externalRef: "nope" })).status).toBe(404);
    expect((await lookup({ ...full(), systemProviderOrgNo: "314001230" })).status).toBe(404);
  });

  it("needs the altinn:maskinporten/systemuser.read scope", async () => {
    expect((await lookup(full(), setup.vendorToken)).status).toBe(403);
    expect((await lookup(full(), "garbage")).status).toBe(401);
  });
});
