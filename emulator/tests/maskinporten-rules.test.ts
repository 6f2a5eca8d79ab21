// Every grant rule of CONTRACT §1.1, §1.2 and §1.5 not already covered by maskinporten.test.ts.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from "jose";
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
  VENDOR_SCOPES,
} from "./helpers";
import { grantWithHeader, tokenError } from "./tokens-setup";

const SCOPE = VENDOR_SCOPES[0] ?? "";
const ALG_TEXT = "Invalid assertion. Invalid parameter value: alg must be RS256, RS384 or RS512";
const MP100 = "MP-100 Invalid assertion. Client authentication failed.";
const emu = sharedEmulator();
let key: TestKey;
let client: TestClient;

beforeAll(async () => {
  key = await newKey();
});
beforeEach(async () => {
  client = await registerClient(emu.url, key);
});

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

async function registerWithExpiry(expiresAt: string): Promise<TestClient> {
  const k = await newKey();
  const clientId = randomUUID();
  const res = await fetch(`${emu.url}/emulator/maskinporten/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: clientId,
      org_no: VENDOR_ORG,
      scopes: [SCOPE],
      jwks: { keys: [{ ...k.publicJwk, expiresAt }] },
    }),
  });
  expect(res.status).toBe(200);
  return { clientId, orgNo: VENDOR_ORG, key: k };
}

describe("POST /token request format", () => {
  it("rejects a JSON body (the Altinn docs example is wrong: the request is form-encoded)", async () => {
    const res = await fetch(`${emu.url}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      error: "invalid_request",
      error_description: "Content-Type must be application/x-www-form-urlencoded",
    });
  });

  it("requires grant_type and assertion", async () => {
    const post = (form: Record<string, string>) =>
      fetch(`${emu.url}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      });
    expect(await json(await post({ assertion: "x" }))).toEqual({
      error: "invalid_request",
      error_description: "Missing grant_type",
    });
    expect(await json(await post({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer" }))).toEqual({
      error: "invalid_request",
      error_description: "Missing assertion",
    });
  });

  it("rejects an assertion that is not a JWT", async () => {
    expect(await tokenError(emu.url, "not-a-jwt")).toEqual({
      error: "invalid_request",
      error_description: "Invalid assertion. Invalid parameter value",
    });
  });
});

describe("POST /token grant header", () => {
  it("accepts RS384 and RS512", async () => {
    for (const alg of ["RS384", "RS512"]) {
      // WebCrypto binds the hash to the key, so each algorithm needs its own key pair.
      const pair = await generateKeyPair(alg, { extractable: true });
      const kid = `${alg}-${randomUUID()}`;
      const algClient = await registerClient(
        emu.url,
        { kid, privateKey: pair.privateKey, publicJwk: { ...(await exportJWK(pair.publicKey)), kid } },
        VENDOR_ORG,
        [SCOPE],
      );
      const res = await postToken(emu.url, await grantWithHeader(emu.url, algClient, { alg, kid }));
      expect(res.status).toBe(200);
    }
  });

  it("rejects ES256, HS256 and none", async () => {
    const ec = await generateKeyPair("ES256");
    const now0 = now();
    const claims = { aud: `${emu.url}/`, iss: client.clientId, scope: SCOPE, iat: now0, exp: now0 + 60 };
    const es = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid: key.kid }).sign(ec.privateKey);
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid: key.kid })
      .sign(new TextEncoder().encode("a".repeat(32)));
    const none = `${b64({ alg: "none", kid: key.kid })}.${b64(claims)}.`;
    for (const grant of [es, hs, none])
      expect(await tokenError(emu.url, grant)).toEqual({ error: "invalid_request", error_description: ALG_TEXT });
  });

  it("requires exactly one of kid and x5c", async () => {
    expect(await tokenError(emu.url, await grantWithHeader(emu.url, client, { kid: key.kid, x5c: ["MIIB"] }))).toEqual({
      error: "invalid_request",
      error_description: "Invalid assertion. Invalid parameter value: use either kid or x5c, not both",
    });
    expect(await tokenError(emu.url, await grantWithHeader(emu.url, client, {}))).toEqual({
      error: "invalid_request",
      error_description: "Invalid assertion. Invalid parameter value: kid or x5c is required",
    });
  });

  it("answers x5c (business certificates) with a clear invalid_grant", async () => {
    expect(await tokenError(emu.url, await grantWithHeader(emu.url, client, { x5c: ["MIIB"] }))).toEqual({
      error: "invalid_grant",
      error_description:
        "Invalid assertion. Client authentication failed. Business certificates (x5c) are not emulated; register a JWK on the client and use kid",
    });
    expect(await tokenError(emu.url, await grantWithHeader(emu.url, client, { x5c: "MIIB" }))).toEqual({
      error: "invalid_grant",
      error_description: "Failed to extract certificate from jwt",
    });
  });

  it("rejects a kid that is not registered on the client (even if another client has it)", async () => {
    const other = await registerClient(emu.url, await newKey());
    expect(await tokenError(emu.url, await grantWithHeader(emu.url, client, { kid: other.key.kid }))).toEqual({
      error: "invalid_grant",
      error_description: MP100,
    });
  });
});

describe("POST /token registered key expiry (MP-121)", () => {
  it("rejects a grant signed with an expired registered key", async () => {
    const expired = await registerWithExpiry(new Date(Date.now() - 60_000).toISOString());
    expect(await tokenError(emu.url, await signGrant(emu.url, expired, SCOPE))).toEqual({
      error: "invalid_grant",
      error_description: "MP-121 Invalid assertion. Client authentication failed. Expired key",
    });
  });

  it("accepts a key that expires in the future and stores the expiry", async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const valid = await registerWithExpiry(expiresAt);
    expect((await postToken(emu.url, await signGrant(emu.url, valid, SCOPE))).status).toBe(200);
    const clients: unknown = await (await fetch(`${emu.url}/emulator/maskinporten/clients`)).json();
    expect(clients).toEqual(
      expect.arrayContaining([expect.objectContaining({ jwks: { keys: [expect.objectContaining({ expiresAt })] } })]),
    );
  });

  it("rejects an expiresAt that is not a date", async () => {
    const k = await newKey();
    const res = await fetch(`${emu.url}/emulator/maskinporten/clients`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: "c1",
        org_no: VENDOR_ORG,
        scopes: [SCOPE],
        jwks: { keys: [{ ...k.publicJwk, expiresAt: "soon" }] },
      }),
    });
    expect(res.status).toBe(400);
    expect(String((await json(res)).error)).toContain("expiresAt must be an ISO 8601 date-time");
  });
});

describe("POST /token grant claims", () => {
  it("rejects an iat in the future beyond 10 s", async () => {
    const grant = await signGrant(emu.url, client, SCOPE, { claims: { iat: now() + 30, exp: now() + 60 } });
    expect(await tokenError(emu.url, grant)).toEqual({
      error: "invalid_grant",
      error_description:
        "Invalid assertion. Client authentication failed. Invalid JWT claim iat: must be within 10 seconds of the server clock",
    });
  });

  it("rejects an expired grant", async () => {
    const grant = await signGrant(emu.url, client, SCOPE, { claims: { iat: now() - 8, exp: now() - 2 } });
    expect(await tokenError(emu.url, grant)).toEqual({
      error: "invalid_grant",
      error_description: "Invalid assertion. Client authentication failed. JWT is expired",
    });
  });

  it("requires iat and exp, and at least one scope", async () => {
    expect(await tokenError(emu.url, await signGrant(emu.url, client, SCOPE, { omit: ["iat"] }))).toEqual({
      error: "invalid_request",
      error_description: "Invalid assertion. Invalid parameter value",
    });
    expect(await tokenError(emu.url, await signGrant(emu.url, client, " "))).toEqual({
      error: "invalid_scope",
      error_description: "Token request contains no scopes",
    });
  });

  it("rejects the documented but unemulated claims pid, consumer_org and iss_onbehalfof", async () => {
    for (const claim of ["pid", "consumer_org", "iss_onbehalfof"]) {
      const grant = await signGrant(emu.url, client, SCOPE, { claims: { [claim]: "x" } });
      expect(await tokenError(emu.url, grant)).toEqual({
        error: "invalid_request",
        error_description: `Invalid assertion. Invalid parameter value: ${claim} is not supported by the emulator`,
      });
    }
  });

  it("accepts resource only in array form and puts it in aud", async () => {
    const string = await signGrant(emu.url, client, SCOPE, { claims: { resource: "https://api.example/" } });
    expect(await tokenError(emu.url, string)).toEqual({
      error: "invalid_request",
      error_description: "Invalid assertion. Invalid parameter value",
    });
    const res = await postToken(
      emu.url,
      await signGrant(emu.url, client, SCOPE, { claims: { resource: ["https://api.example/"] } }),
    );
    expect(res.status).toBe(200);
    expect(decodeJwt(String((await json(res)).access_token)).aud).toEqual(["https://api.example/"]);
  });

  it("accepts sub = client_id (the Altinn examples send it)", async () => {
    expect(
      (await postToken(emu.url, await signGrant(emu.url, client, SCOPE, { claims: { sub: client.clientId } }))).status,
    ).toBe(200);
  });

  it("rejects a key shorter than 2048 bits at registration", async () => {
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
    const res = await fetch(`${emu.url}/emulator/maskinporten/clients`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: "c2",
        org_no: VENDOR_ORG,
        scopes: [SCOPE],
        jwks: { keys: [{ ...small, kid: "small" }] },
      }),
    });
    expect(res.status).toBe(400);
  });
});
