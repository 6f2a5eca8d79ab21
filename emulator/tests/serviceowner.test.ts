import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { addSystemUser, call, FACILITATOR_ORG, PKG } from "./control-helpers";
import {
  accessToken,
  api,
  CUSTOMER_ORG,
  newKey,
  postToken,
  registerClient,
  signGrant,
  start,
  systemBody,
  VENDOR_ORG,
  type TestClient,
} from "./helpers";

const SYSTEM_ID = `${VENDOR_ORG}_skatt`;
const API = "/serviceowner/api/v1/skattegrunnlag";
let emu: RunningEmulator;
let client: TestClient;

beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());
beforeEach(async () => {
  await call(emu.url, "POST", "/emulator/reset");
  client = await registerClient(emu.url, await newKey());
  const vendorToken = await accessToken(emu.url, client);
  const res = await api(
    emu.url,
    vendorToken,
    "POST",
    "/systemregister/vendor",
    systemBody(SYSTEM_ID, { clientId: [client.clientId] }),
  );
  expect(res.status).toBe(200);
});

async function systemUserToken(ownerOrgNo: string, externalRef?: string): Promise<string> {
  const detail = {
    type: "urn:altinn:systemuser",
    systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${ownerOrgNo}` },
    ...(externalRef ? { externalRef } : {}),
  };
  const res = await postToken(
    emu.url,
    await signGrant(emu.url, client, "altinn:authentication/systemuser.request.read", {
      claims: { authorization_details: [detail] },
    }),
  );
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

describe("service owner sample API", () => {
  it("serves data to a standard system user holding skattegrunnlag for its own org", async () => {
    const user = addSystemUser(emu, {
      ownerOrgNo: CUSTOMER_ORG,
      userType: "standard",
      packages: [`${PKG}skattegrunnlag`],
      systemId: SYSTEM_ID,
    });
    const token = await systemUserToken(CUSTOMER_ORG);
    const ok = await call(emu.url, "GET", `${API}/${CUSTOMER_ORG}`, undefined, token);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      orgNo: CUSTOMER_ORG,
      name: "Tilfeldig Bakeri AS",
      inntektsaar: 2025,
      systemUserId: user.id,
      skattegrunnlag: [
        { tekniskNavn: "samletInntekt", beloep: 1250000 },
        { tekniskNavn: "samletGjeld", beloep: 430000 },
      ],
    });
    const other = await call(emu.url, "GET", `${API}/313469999`, undefined, token);
    expect(other.status).toBe(403);
    expect(other.body).toEqual({
      error: "access_denied",
      decision: "NotApplicable",
      reason: `System user acts for ${CUSTOMER_ORG}, not 313469999`,
    });
  });

  it("denies a system user without a covering package", async () => {
    addSystemUser(emu, {
      ownerOrgNo: CUSTOMER_ORG,
      userType: "standard",
      packages: [`${PKG}skatt-naering`],
      systemId: SYSTEM_ID,
      externalRef: "x1",
    });
    const res = await call(
      emu.url,
      "GET",
      `${API}/${CUSTOMER_ORG}`,
      undefined,
      await systemUserToken(CUSTOMER_ORG, "x1"),
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ decision: "Deny" });
  });

  it("lets an agent system user read only delegated clients", async () => {
    const agent = addSystemUser(emu, {
      ownerOrgNo: FACILITATOR_ORG,
      userType: "agent",
      packages: [`${PKG}regnskapsforer-med-signeringsrettighet`],
      systemId: SYSTEM_ID,
    });
    const token = await systemUserToken(FACILITATOR_ORG);
    const MVA = "/serviceowner/api/v1/mva-melding";
    const before = await call(emu.url, "GET", `${MVA}/310609544`, undefined, token);
    expect(before.body).toEqual({
      error: "access_denied",
      decision: "NotApplicable",
      reason: "310609544 is not a delegated client of the agent system user",
    });
    emu.emulator.store.mutate((d) => {
      d.delegations.push({ agentSystemUserId: agent.id, clientOrgNo: "310609544", created: "2026-01-01T00:00:00Z" });
    });
    const after = await call(emu.url, "GET", `${MVA}/310609544`, undefined, token);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({
      orgNo: "310609544",
      name: "Bjørkely Barnehage SA",
      systemUserId: agent.id,
      termin: "2025-06",
      meldingskategori: "alminnelig",
      fastsattMerverdiavgift: 48250,
    });
    // Skattegrunnlag is covered only by a package agents cannot hold.
    const tax = await call(emu.url, "GET", `${API}/310609544`, undefined, token);
    expect(tax.body).toEqual({
      error: "access_denied",
      decision: "Deny",
      reason: "Neither the agent nor the client relationship provides one of urn:altinn:accesspackage:skattegrunnlag",
    });
    expect((await call(emu.url, "GET", "/serviceowner/api/v1/ukjent/310609544", undefined, token)).status).toBe(404);
  });

  it("requires a valid, unexpired system-user token", async () => {
    const none = await call(emu.url, "GET", `${API}/${CUSTOMER_ORG}`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    expect((await call(emu.url, "GET", `${API}/${CUSTOMER_ORG}`, undefined, "abc.def.ghi")).status).toBe(401);
    const plain = await call(emu.url, "GET", `${API}/${CUSTOMER_ORG}`, undefined, await accessToken(emu.url, client));
    expect(plain.status).toBe(403);
    expect(plain.body).toEqual({
      error: "not_a_system_user_token",
      decision: "NotApplicable",
      reason: "The token carries no urn:altinn:systemuser authorization_details",
    });

    addSystemUser(emu, {
      ownerOrgNo: CUSTOMER_ORG,
      userType: "standard",
      packages: [`${PKG}skattegrunnlag`],
      systemId: SYSTEM_ID,
    });
    const token = await systemUserToken(CUSTOMER_ORG);
    await call(emu.url, "POST", "/emulator/clock", { advanceMs: 600_000 + 11_000 });
    expect((await call(emu.url, "GET", `${API}/${CUSTOMER_ORG}`, undefined, token)).status).toBe(401);
  });
});

describe("PDP endpoint", () => {
  it("decides and validates", async () => {
    const user = addSystemUser(emu, {
      ownerOrgNo: CUSTOMER_ORG,
      userType: "standard",
      packages: [`${PKG}skattegrunnlag`],
    });
    const decide = (body: unknown) => call(emu.url, "POST", "/emulator/pdp/decide", body);
    expect((await decide({ systemUserId: user.id, resource: "ske-skattegrunnlag", orgNo: CUSTOMER_ORG })).body).toEqual(
      {
        decision: "Permit",
        reason: "System user holds an access package or right covering the resource",
      },
    );
    expect((await decide({ systemUserId: user.id, resource: "ukjent", orgNo: CUSTOMER_ORG })).body).toEqual({
      decision: "NotApplicable",
      reason: "Unknown resource ukjent",
    });
    emu.emulator.store.mutate((d) => {
      for (const u of d.systemUsers) u.isDeleted = true;
    });
    expect((await decide({ systemUserId: user.id, resource: "ske-skattegrunnlag", orgNo: CUSTOMER_ORG })).body).toEqual(
      {
        decision: "NotApplicable",
        reason: "System user not found or deleted",
      },
    );
    expect((await decide({ systemUserId: user.id })).status).toBe(400);
  });
});
