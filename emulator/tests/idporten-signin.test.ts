// ID-porten as a web app's sign-in provider: confidential clients (client_secret_basic and _post, as
// ID-porten takes them), TestID's free choice of a synthetic pid, and the `email`/`profile` scope claims.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { json, start } from "./helpers";

const REDIRECT = "http://localhost:3000/api/auth/callback/oidc";
const SECRET = "a-client-secret-of-some-length";
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
    body: JSON.stringify({
      client_id: clientId,
      redirect_uris: [REDIRECT],
      scopes: ["profile", "email"],
      client_secret: SECRET,
    }),
  });
  expect(await json(res)).toEqual({
    client_id: clientId,
    redirect_uris: [REDIRECT],
    scopes: ["profile", "email"],
    confidential: true,
  });
});

/** Logs in through the page's form and returns the code and its PKCE verifier. */
async function login(fields: Record<string, string>, scope = "openid profile email") {
  const verifier = randomBytes(32).toString("base64url");
  const form = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    scope,
    state: "s",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    action: "login",
    ...fields,
  });
  const res = await fetch(`${emu.url}/idporten/authorize`, { method: "POST", body: form, redirect: "manual" });
  return { res, verifier, code: new URL(res.headers.get("location") ?? "http://x").searchParams.get("code") ?? "" };
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

async function token(code: string, verifier: string, auth: { header?: string; form?: Record<string, string> }) {
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
    ...auth.form,
  });
  return fetch(`${emu.url}/idporten/token`, {
    method: "POST",
    body,
    headers: auth.header ? { authorization: auth.header } : {},
  });
}

async function idToken(res: Response) {
  expect(res.status).toBe(200);
  const body = await json(res);
  const jwks = createRemoteJWKSet(new URL(`${emu.url}/idporten/jwks`));
  return (await jwtVerify(String(body.id_token), jwks, { issuer: `${emu.url}/idporten/`, audience: clientId })).payload;
}

describe("confidential ID-porten clients", () => {
  it("advertises client_secret_basic and _post and takes either", async () => {
    const meta = await json(await fetch(`${emu.url}/idporten/.well-known/openid-configuration`));
    expect(meta.token_endpoint_auth_methods_supported).toEqual(["client_secret_basic", "client_secret_post", "none"]);
    const a = await login({ personId: "01048012345" });
    await idToken(await token(a.code, a.verifier, { header: basic(clientId, SECRET) }));
    const b = await login({ personId: "01048012345" });
    await idToken(await token(b.code, b.verifier, { form: { client_id: clientId, client_secret: SECRET } }));
  });

  it("refuses a missing or wrong secret, and two methods at once", async () => {
    const cases: [{ header?: string; form?: Record<string, string> }, number, string][] = [
      [{ form: { client_id: clientId } }, 400, "invalid_client"],
      [{ form: { client_id: clientId, client_secret: "wrong" } }, 400, "invalid_client"],
      [{ header: basic(clientId, "wrong") }, 401, "invalid_client"],
      [{ header: "Basic !!!" }, 401, "invalid_client"],
      [{ header: basic(clientId, SECRET), form: { client_secret: SECRET } }, 400, "invalid_request"],
      [{ header: basic(clientId, SECRET), form: { client_id: "other" } }, 400, "invalid_request"],
      [{}, 400, "invalid_request"],
    ];
    for (const [auth, status, error] of cases) {
      const { code, verifier } = await login({ personId: "01048012345" });
      const res = await token(code, verifier, auth);
      expect(res.status).toBe(status);
      expect((await json(res)).error).toBe(error);
      if (status === 401) expect(res.headers.get("www-authenticate")).toMatch(/^Basic/);
    }
  });
});

describe("login choices and scope claims", () => {
  it("takes any 11-digit synthetic pid (TestID) and refuses anything else", async () => {
    const pid = "41818976543";
    const { code, verifier } = await login({ pid });
    const claims = await idToken(await token(code, verifier, { header: basic(clientId, SECRET) }));
    expect(claims.pid).toBe(pid);
    expect(claims.name).toBeUndefined();
    const bad = await login({ pid: "1234" });
    expect(bad.res.status).toBe(400);
    expect(await bad.res.text()).toContain("11 sifre");
  });

  it("gives name (profile) and email with email_verified (email) only when asked for and supplied", async () => {
    const verified = await login({ personId: "15029054321", email: "ola@vendor.example", email_verified: "true" });
    expect(
      await idToken(await token(verified.code, verified.verifier, { header: basic(clientId, SECRET) })),
    ).toMatchObject({ name: "Ola Prøvesen", email: "ola@vendor.example", email_verified: true });
    const unverified = await login({ personId: "15029054321", email: "ola@vendor.example" });
    const claims = await idToken(
      await token(unverified.code, unverified.verifier, { header: basic(clientId, SECRET) }),
    );
    expect(claims).toMatchObject({ email: "ola@vendor.example", email_verified: false });
    const none = await login({ personId: "15029054321" });
    expect(
      await idToken(await token(none.code, none.verifier, { header: basic(clientId, SECRET) })),
    ).not.toHaveProperty("email");
    const openidOnly = await login(
      { personId: "15029054321", email: "ola@vendor.example", email_verified: "true" },
      "openid",
    );
    const bare = await idToken(await token(openidOnly.code, openidOnly.verifier, { header: basic(clientId, SECRET) }));
    expect(bare).not.toHaveProperty("email");
    expect(bare).not.toHaveProperty("name");
    const invalid = await login({ personId: "15029054321", email: "not an address" });
    expect(invalid.res.status).toBe(400);
  });

  it("shows the e-mail fields only to a client that asked for the email scope", async () => {
    const query = (scope: string) =>
      new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: REDIRECT,
        scope,
        code_challenge: createHash("sha256").update("v").digest("base64url"),
        code_challenge_method: "S256",
      });
    const withEmail = await (await fetch(`${emu.url}/idporten/authorize?${query("openid email").toString()}`)).text();
    expect(withEmail).toContain('<input type="email" id="email" name="email"');
    expect(withEmail).toContain('id="pid"');
    const without = await (await fetch(`${emu.url}/idporten/authorize?${query("openid").toString()}`)).text();
    expect(without).not.toContain('id="email"');
  });
});
