// Token exchange (CONTRACT §2), Altinn's OIDC metadata, and the Altinn APIs accepting both the raw
// Maskinporten token and the exchanged Altinn token.
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accessToken, api, json, newKey, registerClient, VENDOR_ORG, VENDOR_SCOPES, type TestClient } from "./helpers";
import { startWithKnownKey, type KeyedEmulator } from "./tokens-setup";

const INVALID_PROVIDER = (x: string) =>
  `Invalid token provider: ${x}. Trusted token providers are 'Maskinporten', 'Id-porten' and 'AltinnStudio'.`;
let known: KeyedEmulator;
let url: string;
let client: TestClient;
let mpToken: string;

beforeAll(async () => {
  known = await startWithKnownKey();
  url = known.emu.url;
});
afterAll(async () => known.emu.close());
beforeEach(async () => {
  await fetch(`${url}/emulator/reset`, { method: "POST" });
  client = await registerClient(url, await newKey());
  mpToken = await accessToken(url, client);
});

const exchange = (provider: string, token: string | null, headers: Record<string, string> = {}) =>
  fetch(`${url}/authentication/api/v1/exchange/${provider}`, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
const now = () => Math.floor(Date.now() / 1000);
const mpClaims = () => ({
  iss: `${url}/`,
  client_id: "c",
  scope: VENDOR_SCOPES.join(" "),
  iat: now(),
  exp: now() + 60,
  consumer: { authority: "iso6523-actorid-upis", ID: `0192:${VENDOR_ORG}` },
});

async function expect401(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(await res.text()).toBe("");
}

describe("GET /exchange/maskinporten", () => {
  it("returns the raw Altinn JWT as text/plain with the §2 claims, verifiable via Altinn's JWKS", async () => {
    const res = await exchange("maskinporten", mpToken);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const token = await res.text();
    const meta = await json(await fetch(`${url}/authentication/api/v1/openid/.well-known/openid-configuration`));
    expect(meta.issuer).toBe(`${url}/authentication/api/v1/openid/`);
    expect(meta.jwks_uri).toBe(`${url}/authentication/api/v1/openid/.well-known/openid-configuration/jwks`);
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(String(meta.jwks_uri))), {
      issuer: String(meta.issuer),
    });
    const original = decodeJwt(mpToken);
    expect(payload).toMatchObject({
      scope: original.scope,
      client_id: client.clientId,
      jti: original.jti,
      token_type: "Bearer",
      consumer: original.consumer,
      "urn:altinn:orgNumber": VENDOR_ORG,
      "urn:altinn:authenticatemethod": "maskinporten",
      "urn:altinn:authlevel": 3,
    });
    expect(payload.aud).toBeUndefined();
    expect(payload.client_amr).toBeUndefined();
    expect(typeof payload.sid).toBe("string");
    expect(Number(payload.exp) - Number(payload.iat)).toBe(1800);
    expect(payload.nbf).toBe(payload.iat);
  });

  it("treats the provider case-insensitively and accepts ?test=true", async () => {
    expect((await exchange("MaskinPorten?test=true", mpToken)).status).toBe(200);
  });

  it("answers 401 with an empty body for every token failure", async () => {
    await expect401(await exchange("maskinporten", null));
    await expect401(await exchange("maskinporten", "not-a-jwt"));
    await expect401(
      await exchange("maskinporten", await known.forge({ ...mpClaims(), iat: now() - 120, exp: now() - 11 })),
    );
    await expect401(
      await exchange("maskinporten", await known.forge({ ...mpClaims(), iss: "https://test.maskinporten.no/" })),
    );
    await expect401(await exchange("maskinporten", await known.forge({ ...mpClaims(), consumer: undefined })));
    await expect401(
      await exchange(
        "maskinporten",
        await known.forge({ ...mpClaims(), consumer: { authority: "x", ID: `0192:${VENDOR_ORG}` } }),
      ),
    );
    // Signed by someone else's key.
    const forged = `${mpToken.split(".").slice(0, 2).join(".")}.${"A".repeat(342)}`;
    await expect401(await exchange("maskinporten", forged));
    // An Altinn token is not a Maskinporten token.
    await expect401(await exchange("maskinporten", await (await exchange("maskinporten", mpToken)).text()));
  });

  it("still accepts a token within the 10 s clock skew", async () => {
    expect(
      (await exchange("maskinporten", await known.forge({ ...mpClaims(), iat: now() - 60, exp: now() - 5 }))).status,
    ).toBe(200);
  });

  it("answers 400 text for an unknown provider", async () => {
    const res = await exchange("facebook", mpToken);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(INVALID_PROVIDER("facebook"));
  });

  it("answers 410 ProblemDetails when the enterprise-user header is present", async () => {
    const res = await exchange("maskinporten", mpToken, { "X-Altinn-EnterpriseUser-Authentication": "x" });
    expect(res.status).toBe(410);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(await json(res)).toEqual({ title: "Virksomhetsbruker is no longer available", status: 410 });
  });

  it("answers 401 for altinnstudio, whose issuer the emulator does not have", async () => {
    await expect401(await exchange("altinnstudio", mpToken));
  });
});

describe("Altinn APIs accept both tokens", () => {
  it("serves the system register with the raw and the exchanged token", async () => {
    const altinn = await (await exchange("maskinporten", mpToken)).text();
    for (const token of [mpToken, altinn])
      expect((await api(url, token, "GET", "/systemregister/vendor")).status).toBe(200);
  });

  it("rejects an expired Altinn token and one from an unknown issuer", async () => {
    const altinnClaims = { ...mpClaims(), iss: `${url}/authentication/api/v1/openid/` };
    expect((await api(url, await known.forge(altinnClaims), "GET", "/systemregister/vendor")).status).toBe(200);
    expect(
      (await api(url, await known.forge({ ...altinnClaims, exp: now() - 11 }), "GET", "/systemregister/vendor")).status,
    ).toBe(401);
    expect(
      (await api(url, await known.forge({ ...altinnClaims, iss: `${url}/idporten/` }), "GET", "/systemregister/vendor"))
        .status,
    ).toBe(401);
  });
});
