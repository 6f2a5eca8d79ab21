// Test helpers: start the emulator in-process, register a Maskinporten client through the admin API
// and sign JWT grants with jose, exactly as the portal would.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from "jose";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../server";

export const VENDOR_ORG = "991825827";
export const OTHER_VENDOR_ORG = "314001230";
export const CUSTOMER_ORG = "310904473";

export const VENDOR_SCOPES = [
  "altinn:authentication/systemregister.write",
  "altinn:authentication/systemuser.request.write",
  "altinn:authentication/systemuser.request.read",
];

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface TestClient {
  clientId: string;
  orgNo: string;
  key: TestKey;
}

export async function newKey(kid = `test-${randomUUID()}`): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export async function start(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, ...opts });
}

export async function registerClient(
  url: string,
  key: TestKey,
  orgNo = VENDOR_ORG,
  scopes = VENDOR_SCOPES,
): Promise<TestClient> {
  const clientId = randomUUID();
  const res = await fetch(`${url}/emulator/maskinporten/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: clientId, org_no: orgNo, scopes, jwks: { keys: [key.publicJwk] } }),
  });
  if (res.status !== 200) throw new Error(`client registration failed: ${res.status} ${await res.text()}`);
  return { clientId, orgNo, key };
}

export interface GrantOptions {
  claims?: JWTPayload;
  omit?: string[];
  key?: TestKey;
}

export async function signGrant(
  url: string,
  client: TestClient,
  scope: string,
  opts: GrantOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: JWTPayload = {
    aud: `${url}/`,
    iss: client.clientId,
    scope,
    iat: now,
    exp: now + 60,
    jti: randomUUID(),
    ...opts.claims,
  };
  for (const name of opts.omit ?? []) delete claims[name];
  const key = opts.key ?? client.key;
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: client.key.kid }).sign(key.privateKey);
}

export async function postToken(url: string, assertion: string): Promise<Response> {
  return fetch(`${url}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
  });
}

export async function accessToken(url: string, client: TestClient, scope = VENDOR_SCOPES.join(" ")): Promise<string> {
  const res = await postToken(url, await signGrant(url, client, scope));
  const body: unknown = await res.json();
  if (
    res.status !== 200 ||
    typeof body !== "object" ||
    body === null ||
    !("access_token" in body) ||
    typeof body.access_token !== "string"
  ) {
    throw new Error(`token request failed: ${res.status} ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

export async function api(url: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${url}/authentication/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
  });
}

export function systemBody(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const vendor = id.split("_")[0] ?? VENDOR_ORG;
  return {
    id,
    vendor: { authority: "iso6523-actorid-upis", ID: `0192:${vendor}` },
    name: { nb: "Testsystem", nn: "Testsystem", en: "Test system" },
    description: { nb: "Beskrivelse", nn: "Skildring", en: "Description" },
    rights: [{ resource: [{ id: "urn:altinn:resource", value: "ske-krav-og-betalinger" }] }],
    accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
    clientId: [randomUUID()],
    allowedRedirectUrls: ["https://vendor.example/receipt"],
    isVisible: true,
    ...overrides,
  };
}

/** Reads a JSON body as a plain record so tests can assert on fields without casts. */
export async function json(res: Response): Promise<Record<string, unknown>> {
  const body: unknown = await res.json();
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new Error(`expected a JSON object, got ${JSON.stringify(body)}`);
  return Object.fromEntries(Object.entries(body));
}

/**
 * One emulator for the whole test file, its state reset before every test. Call it before the
 * file's own hooks, so those run after the reset.
 */
export function sharedEmulator(): { readonly url: string } {
  let running: RunningEmulator | undefined;
  const url = () => {
    if (!running) throw new Error("the emulator has not started (beforeAll)");
    return running.url;
  };
  beforeAll(async () => {
    running = await start();
  });
  afterAll(async () => running?.close());
  beforeEach(async () => {
    await fetch(`${url()}/emulator/reset`, { method: "POST" });
  });
  return {
    get url() {
      return url();
    },
  };
}
