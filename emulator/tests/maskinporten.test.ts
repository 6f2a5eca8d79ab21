import { randomUUID } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  json,
  newKey,
  postToken,
  registerClient,
  sharedEmulator,
  signGrant,
  type TestClient,
  type TestKey,
  VENDOR_ORG,
} from "./helpers";

const SCOPE = "altinn:authentication/systemregister.write";
const emu = sharedEmulator();
let key: TestKey;
let client: TestClient;

beforeAll(async () => {
  key = await newKey();
});
beforeEach(async () => {
  client = await registerClient(emu.url, key, VENDOR_ORG, [SCOPE]);
});

async function expectError(assertion: string, error: string, description: string | RegExp): Promise<void> {
  const res = await postToken(emu.url, assertion);
  expect(res.status).toBe(400);
  const body = await json(res);
  expect(body.error).toBe(error);
  if (typeof description === "string") expect(body.error_description).toBe(description);
  else expect(String(body.error_description)).toMatch(description);
}

describe("POST /token", () => {
  it("issues an RS256 access token with the Maskinporten claims", async () => {
    const res = await postToken(emu.url, await signGrant(emu.url, client, SCOPE));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 599, scope: SCOPE });
    const token = String(body.access_token);
    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe("RS256");
    const jwks = await json(await fetch(`${emu.url}/jwk`));
    expect(jwks.keys).toEqual([expect.objectContaining({ kid: header.kid, kty: "RSA" })]);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: `${emu.url}/`,
      client_id: client.clientId,
      client_amr: "private_key_jwt",
      consumer: { authority: "iso6523-actorid-upis", ID: `0192:${VENDOR_ORG}` },
      scope: SCOPE,
      token_type: "Bearer",
      aud: "unspecified",
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(599);
    expect(typeof claims.jti).toBe("string");
    const stats = await json(await fetch(`${emu.url}/emulator/stats`));
    expect(stats.tokenGrants).toBe(1);
  });

  it("accepts aud without the trailing slash", async () => {
    const res = await postToken(emu.url, await signGrant(emu.url, client, SCOPE, { claims: { aud: emu.url } }));
    expect(res.status).toBe(200);
  });

  it("rejects a wrong aud with MP-110", async () => {
    const grant = await signGrant(emu.url, client, SCOPE, { claims: { aud: `${emu.url}/token` } });
    await expectError(
      grant,
      "invalid_grant",
      "MP-110 Invalid assertion. Client authentication failed. Invalid JWT claim aud",
    );
  });

  it("rejects exp - iat > 120 seconds", async () => {
    const now = Math.floor(Date.now() / 1000);
    const grant = await signGrant(emu.url, client, SCOPE, { claims: { iat: now, exp: now + 121 } });
    await expectError(grant, "invalid_grant", /exp - iat must not exceed 120/);
  });

  it("rejects an iat outside ±10 s", async () => {
    const now = Math.floor(Date.now() / 1000);
    const grant = await signGrant(emu.url, client, SCOPE, { claims: { iat: now - 30, exp: now + 30 } });
    await expectError(grant, "invalid_grant", /iat/);
  });

  it("rejects a replayed jti", async () => {
    const grant = await signGrant(emu.url, client, SCOPE, { claims: { jti: randomUUID() } });
    expect((await postToken(emu.url, grant)).status).toBe(200);
    await expectError(grant, "invalid_grant", /Grant is used before/);
  });

  it("rejects a scope not registered on the client", async () => {
    const grant = await signGrant(emu.url, client, `${SCOPE} altinn:authentication/systemregister.admin`);
    await expectError(grant, "invalid_scope", "Token request contains invalid scopes for client");
  });

  it("rejects an unknown client with MP-100", async () => {
    const grant = await signGrant(emu.url, client, SCOPE, { claims: { iss: randomUUID() } });
    await expectError(grant, "invalid_grant", "MP-100 Invalid assertion. Client authentication failed.");
  });

  it("rejects a grant signed with another key", async () => {
    const grant = await signGrant(emu.url, client, SCOPE, { key: await newKey(key.kid) });
    await expectError(grant, "invalid_grant", "MP-100 Invalid assertion. Client authentication failed.");
  });

  it("rejects unknown claims as invalid_request", async () => {
    const grant = await signGrant(emu.url, client, SCOPE, { claims: { foo: "bar" } });
    await expectError(grant, "invalid_request", "Invalid assertion. Invalid parameter value");
  });

  it("rejects a wrong grant_type", async () => {
    const res = await fetch(`${emu.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", assertion: "x" }),
    });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toBe("unsupported_grant_type");
  });

  it("publishes metadata with this emulator's URLs", async () => {
    const meta = await json(await fetch(`${emu.url}/.well-known/oauth-authorization-server`));
    expect(meta).toMatchObject({
      issuer: `${emu.url}/`,
      token_endpoint: `${emu.url}/token`,
      jwks_uri: `${emu.url}/jwk`,
    });
  });
});
