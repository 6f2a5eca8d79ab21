// The emulated clock (POST /emulator/clock) drives every time check in the Maskinporten, exchange
// and ID-porten areas: grant iat, registered-key expiry, token expiry and code lifetime.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import {
  accessToken,
  json,
  newKey,
  postToken,
  registerClient,
  sharedEmulator,
  signGrant,
  type TestClient,
  VENDOR_ORG,
  VENDOR_SCOPES,
} from "./helpers";

const SCOPE = VENDOR_SCOPES[0] ?? "";
const HOUR = 3_600_000;
const emu = sharedEmulator();
let client: TestClient;

beforeEach(async () => {
  client = await registerClient(emu.url, await newKey());
});

const advance = (advanceMs: number) =>
  fetch(`${emu.url}/emulator/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceMs }),
  });
const emulatedSeconds = () => Math.floor((Date.now() + HOUR) / 1000);

describe("emulated clock", () => {
  it("checks grant iat and stamps token iat/exp against the emulated time", async () => {
    await advance(HOUR);
    const real = await postToken(emu.url, await signGrant(emu.url, client, SCOPE));
    expect((await json(real)).error_description).toBe(
      "Invalid assertion. Client authentication failed. Invalid JWT claim iat: must be within 10 seconds of the server clock",
    );
    const now = emulatedSeconds();
    const res = await postToken(
      emu.url,
      await signGrant(emu.url, client, SCOPE, { claims: { iat: now, exp: now + 60 } }),
    );
    expect(res.status).toBe(200);
    expect(Math.abs(Number(decodeJwt(String((await json(res)).access_token)).iat) - now)).toBeLessThanOrEqual(2);
  });

  it("expires a registered key when the clock passes its expiresAt (MP-121)", async () => {
    const key = await newKey();
    const clientId = randomUUID();
    await fetch(`${emu.url}/emulator/maskinporten/clients`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: clientId,
        org_no: VENDOR_ORG,
        scopes: [SCOPE],
        jwks: { keys: [{ ...key.publicJwk, expiresAt: new Date(Date.now() + HOUR / 2).toISOString() }] },
      }),
    });
    await advance(HOUR);
    const now = emulatedSeconds();
    const grant = await signGrant(emu.url, { clientId, orgNo: VENDOR_ORG, key }, SCOPE, {
      claims: { iat: now, exp: now + 60 },
    });
    expect(await json(await postToken(emu.url, grant))).toEqual({
      error: "invalid_grant",
      error_description: "MP-121 Invalid assertion. Client authentication failed. Expired key",
    });
  });

  it("stops accepting a Maskinporten token at /exchange and the Altinn APIs once the clock passes its exp", async () => {
    const token = await accessToken(emu.url, client);
    const exchange = () =>
      fetch(`${emu.url}/authentication/api/v1/exchange/maskinporten`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await exchange()).status).toBe(200);
    await advance(600_000 + 11_000);
    expect((await exchange()).status).toBe(401);
    const api = await fetch(`${emu.url}/authentication/api/v1/systemregister/vendor`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(401);
  });

  it("expires ID-porten authorization codes after 60 s", async () => {
    const idClient = randomUUID();
    const redirect = "http://localhost:3000/cb";
    await fetch(`${emu.url}/emulator/idporten/clients`, {
      method: "POST",
      body: JSON.stringify({ client_id: idClient, redirect_uris: [redirect] }),
    });
    const verifier = randomBytes(32).toString("base64url");
    const form = new URLSearchParams({
      response_type: "code",
      client_id: idClient,
      redirect_uri: redirect,
      scope: "openid",
      personId: "01048012345",
      action: "login",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    const login = await fetch(`${emu.url}/idporten/authorize`, { method: "POST", body: form, redirect: "manual" });
    const code = new URL(login.headers.get("location") ?? "").searchParams.get("code") ?? "";
    await advance(61_000);
    const res = await fetch(`${emu.url}/idporten/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: redirect,
        client_id: idClient,
        code_verifier: verifier,
      }),
    });
    expect(await json(res)).toEqual({
      error: "invalid_grant",
      error_description: "The authorization code is invalid, expired or already used",
    });
  });
});
