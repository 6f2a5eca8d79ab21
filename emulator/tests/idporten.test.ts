// ID-porten OIDC provider: authorization code + PKCE, the person picker page, the token endpoint,
// and exchanging the result at /exchange/id-porten for an Altinn person token.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { json, start } from "./helpers";

const REDIRECT = "http://localhost:3000/callback";
const SCOPE = "openid altinn:clientdelegations.read";
const KARI = "01048012345";
let emu: RunningEmulator;
let clientId: string;

beforeAll(async () => {
  emu = await start();
});
afterAll(async () => emu.close());
beforeEach(async () => {
  clientId = randomUUID();
  const res = await fetch(`${emu.url}/emulator/idporten/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: clientId, redirect_uris: [REDIRECT], scopes: ["altinn:clientdelegations.read"] }),
  });
  expect(res.status).toBe(200);
});

const verifier = () => randomBytes(32).toString("base64url");
const challenge = (v: string) => createHash("sha256").update(v).digest("base64url");

function authorizeParams(v: string, overrides: Record<string, string | null> = {}): URLSearchParams {
  const base: Record<string, string | null> = {
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope: SCOPE,
    state: "st-1",
    nonce: "n-1",
    code_challenge: challenge(v),
    code_challenge_method: "S256",
    ...overrides,
  };
  return new URLSearchParams(Object.entries(base).filter((e): e is [string, string] => e[1] !== null));
}

async function login(v: string, personId = KARI, action = "login"): Promise<URL> {
  const form = authorizeParams(v);
  form.set("personId", personId);
  form.set("action", action);
  const res = await fetch(`${emu.url}/idporten/authorize`, { method: "POST", body: form, redirect: "manual" });
  expect(res.status).toBe(303);
  return new URL(res.headers.get("location") ?? "");
}

const tokenRequest = (form: Record<string, string>) =>
  fetch(`${emu.url}/idporten/token`, { method: "POST", body: new URLSearchParams(form) });

async function codeFor(v: string): Promise<string> {
  return (await login(v)).searchParams.get("code") ?? "";
}

describe("ID-porten metadata", () => {
  it("publishes discovery and JWKS", async () => {
    const meta = await json(await fetch(`${emu.url}/idporten/.well-known/openid-configuration`));
    expect(meta).toMatchObject({
      issuer: `${emu.url}/idporten/`,
      authorization_endpoint: `${emu.url}/idporten/authorize`,
      token_endpoint: `${emu.url}/idporten/token`,
      jwks_uri: `${emu.url}/idporten/jwks`,
      code_challenge_methods_supported: ["S256"],
    });
    const jwks = await json(await fetch(`${emu.url}/idporten/jwks`));
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS256" })]);
  });

  it("rejects an invalid client registration", async () => {
    const res = await fetch(`${emu.url}/emulator/idporten/clients`, {
      method: "POST",
      body: JSON.stringify({ client_id: "x", redirect_uris: ["not a url"] }),
    });
    expect(res.status).toBe(400);
  });
});

describe("GET/POST /idporten/authorize", () => {
  it("shows an accessible person picker", async () => {
    const res = await fetch(`${emu.url}/idporten/authorize?${authorizeParams(verifier()).toString()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain("<legend>Velg testperson / Choose a test person</legend>");
    expect(html).toContain(`<label for="person-0" style="display:inline">Kari Testesen (${KARI})</label>`);
    expect(html).toContain('<input type="hidden" name="code_challenge_method" value="S256">');
  });

  it("shows an error page, without redirecting, for an unknown client or redirect_uri", async () => {
    const cases: Record<string, string>[] = [{ client_id: "nope" }, { redirect_uri: "https://evil.example/cb" }];
    for (const overrides of cases) {
      const res = await fetch(`${emu.url}/idporten/authorize?${authorizeParams(verifier(), overrides).toString()}`, {
        redirect: "manual",
      });
      expect(res.status).toBe(400);
      expect(res.headers.get("location")).toBeNull();
    }
  });

  it("redirects OAuth2 errors to the client with state and iss", async () => {
    const cases: [Record<string, string | null>, string][] = [
      [{ code_challenge: null }, "invalid_request"],
      [{ code_challenge_method: "plain" }, "invalid_request"],
      [{ response_type: "token" }, "unsupported_response_type"],
      [{ scope: "altinn:clientdelegations.read" }, "invalid_scope"],
      [{ scope: "openid altinn:clientdelegations.write" }, "invalid_scope"],
    ];
    for (const [overrides, error] of cases) {
      const res = await fetch(`${emu.url}/idporten/authorize?${authorizeParams(verifier(), overrides).toString()}`, {
        redirect: "manual",
      });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get("location") ?? "");
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
      expect(location.searchParams.get("error")).toBe(error);
      expect(location.searchParams.get("state")).toBe("st-1");
      expect(location.searchParams.get("iss")).toBe(`${emu.url}/idporten/`);
    }
  });

  it("redirects with code, state and iss after login, and access_denied on cancel", async () => {
    const ok = await login(verifier());
    expect(ok.searchParams.get("code")).toMatch(/^[\w-]{43}$/);
    expect(ok.searchParams.get("state")).toBe("st-1");
    expect(ok.searchParams.get("iss")).toBe(`${emu.url}/idporten/`);
    const cancelled = await login(verifier(), KARI, "cancel");
    expect(cancelled.searchParams.get("error")).toBe("access_denied");
    expect(cancelled.searchParams.get("code")).toBeNull();
  });
});

describe("POST /idporten/token", () => {
  it("returns id_token and access_token for the chosen person", async () => {
    const v = verifier();
    const res = await tokenRequest({
      grant_type: "authorization_code",
      code: await codeFor(v),
      redirect_uri: REDIRECT,
      client_id: clientId,
      code_verifier: v,
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: SCOPE });
    const jwks = createRemoteJWKSet(new URL(`${emu.url}/idporten/jwks`));
    const { payload: id } = await jwtVerify(String(body.id_token), jwks, {
      issuer: `${emu.url}/idporten/`,
      audience: clientId,
    });
    expect(id).toMatchObject({ pid: KARI, acr: "idporten-loa-substantial", nonce: "n-1", client_id: clientId });
    expect(id.sub).not.toBe(KARI);
    const { payload: access } = await jwtVerify(String(body.access_token), jwks, { issuer: `${emu.url}/idporten/` });
    expect(access).toMatchObject({
      pid: KARI,
      scope: SCOPE,
      client_id: clientId,
      aud: clientId,
      acr: "idporten-loa-substantial",
    });
  });

  it("rejects a reused code, a wrong verifier, redirect_uri or client", async () => {
    const v = verifier();
    const expectGrantError = async (form: Record<string, string>, description: string) => {
      const res = await tokenRequest({
        grant_type: "authorization_code",
        redirect_uri: REDIRECT,
        client_id: clientId,
        code_verifier: v,
        ...form,
      });
      expect(res.status).toBe(400);
      expect(await json(res)).toEqual({ error: "invalid_grant", error_description: description });
    };
    const code = await codeFor(v);
    expect(
      (
        await tokenRequest({
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT,
          client_id: clientId,
          code_verifier: v,
        })
      ).status,
    ).toBe(200);
    await expectGrantError({ code }, "The authorization code is invalid, expired or already used");
    await expectGrantError(
      { code: await codeFor(v), code_verifier: verifier() },
      "code_verifier does not match code_challenge",
    );
    await expectGrantError(
      { code: await codeFor(v), redirect_uri: "http://localhost:3000/other" },
      "redirect_uri does not match the authorization request",
    );
    const other = randomUUID();
    await fetch(`${emu.url}/emulator/idporten/clients`, {
      method: "POST",
      body: JSON.stringify({ client_id: other, redirect_uris: [REDIRECT] }),
    });
    await expectGrantError(
      { code: await codeFor(v), client_id: other },
      "The authorization code was issued to another client",
    );
  });

  it("rejects a wrong grant_type, a missing parameter and an unknown client", async () => {
    expect(await json(await tokenRequest({ grant_type: "client_credentials" }))).toEqual({
      error: "unsupported_grant_type",
      error_description: "Only grant_type=authorization_code is supported",
    });
    expect(
      await json(
        await tokenRequest({
          grant_type: "authorization_code",
          code: "c",
          redirect_uri: REDIRECT,
          client_id: clientId,
        }),
      ),
    ).toEqual({
      error: "invalid_request",
      error_description: "Missing parameter: code_verifier",
    });
    expect(
      await json(
        await tokenRequest({
          grant_type: "authorization_code",
          code: "c",
          redirect_uri: REDIRECT,
          client_id: "nope",
          code_verifier: "v",
        }),
      ),
    ).toEqual({
      error: "invalid_client",
      error_description: "Unknown client_id",
    });
  });
});

describe("GET /exchange/id-porten", () => {
  it("turns the ID-porten access token into an Altinn person token", async () => {
    const v = verifier();
    const body = await json(
      await tokenRequest({
        grant_type: "authorization_code",
        code: await codeFor(v),
        redirect_uri: REDIRECT,
        client_id: clientId,
        code_verifier: v,
      }),
    );
    const res = await fetch(`${emu.url}/authentication/api/v1/exchange/id-porten?test=true`, {
      headers: { authorization: `Bearer ${String(body.access_token)}` },
    });
    expect(res.status).toBe(200);
    const claims = decodeJwt(await res.text());
    expect(claims).toMatchObject({
      iss: `${emu.url}/authentication/api/v1/openid/`,
      pid: KARI,
      scope: SCOPE,
      "urn:altinn:authenticatemethod": "idporten",
      "urn:altinn:authlevel": 3,
    });
    // The person token works at the client delegation API (authorizePerson): Ola administers 314250052's clients.
    const v2 = verifier();
    const code = (await login(v2, "15029054321")).searchParams.get("code") ?? "";
    const ola = await json(
      await tokenRequest({
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
        client_id: clientId,
        code_verifier: v2,
      }),
    );
    const olaAltinn = await (
      await fetch(`${emu.url}/authentication/api/v1/exchange/id-porten`, {
        headers: { authorization: `Bearer ${String(ola.access_token)}` },
      })
    ).text();
    const agents = await fetch(`${emu.url}/authentication/api/v1/enduser/systemuser/agents?party=314250052`, {
      headers: { authorization: `Bearer ${olaAltinn}` },
    });
    expect(agents.status).toBe(200);
    const raw = await fetch(`${emu.url}/authentication/api/v1/enduser/systemuser/agents?party=314250052`, {
      headers: { authorization: `Bearer ${String(ola.access_token)}` },
    });
    expect(raw.status).toBe(401);
    const mpLike = await fetch(`${emu.url}/authentication/api/v1/exchange/maskinporten`, {
      headers: { authorization: `Bearer ${String(body.access_token)}` },
    });
    expect(mpLike.status).toBe(401);
  });
});
