// Helpers for the Maskinporten, exchange, ID-porten and Digdir tests: grants with arbitrary headers,
// a system user created through the real API flow, and an emulator whose signing key the test knows
// (so it can forge expired or foreign-issuer tokens the emulator would never issue itself).
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWTPayload } from "jose";
import { startEmulator, type RunningEmulator } from "../server";
import {
  accessToken,
  api,
  json,
  postToken,
  registerClient,
  systemBody,
  VENDOR_ORG,
  VENDOR_SCOPES,
  type TestClient,
} from "./helpers";

export async function grantWithHeader(
  url: string,
  client: TestClient,
  header: Record<string, unknown>,
  claims: JWTPayload = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const body = {
    aud: `${url}/`,
    iss: client.clientId,
    scope: VENDOR_SCOPES[0],
    iat: now,
    exp: now + 60,
    jti: randomUUID(),
    ...claims,
  };
  const alg = typeof header.alg === "string" ? header.alg : "RS256";
  return new SignJWT(body).setProtectedHeader({ ...header, alg }).sign(client.key.privateKey);
}

/** The OAuth2 error body of a failed token request; asserts HTTP 400 as every Maskinporten error has. */
export async function tokenError(url: string, assertion: string): Promise<Record<string, unknown>> {
  const res = await postToken(url, assertion);
  if (res.status !== 400) throw new Error(`expected 400, got ${res.status} ${await res.text()}`);
  return json(res);
}

export interface SystemUserSetup {
  vendor: TestClient;
  vendorToken: string;
  systemId: string;
  systemUserId: string;
}

/** Registers a system listing `clientIds` (unless `systemId` names an existing one), requests a system user for `partyOrgNo` and approves it. */
export async function createSystemUser(
  url: string,
  vendor: TestClient,
  partyOrgNo: string,
  opts: { clientIds: string[]; externalRef?: string; systemId?: string },
): Promise<SystemUserSetup> {
  const vendorToken = await accessToken(url, vendor);
  const systemId = opts.systemId ?? `${VENDOR_ORG}_sys${randomUUID().slice(0, 8)}`;
  if (!opts.systemId) {
    const reg = await api(
      url,
      vendorToken,
      "POST",
      "/systemregister/vendor",
      systemBody(systemId, { clientId: opts.clientIds }),
    );
    if (reg.status !== 200) throw new Error(`system registration failed: ${reg.status} ${await reg.text()}`);
  }
  const request = await api(url, vendorToken, "POST", "/systemuser/request/vendor", {
    systemId,
    partyOrgNo,
    externalRef: opts.externalRef,
    accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
  });
  if (request.status !== 201) throw new Error(`request failed: ${request.status} ${await request.text()}`);
  const approve = await fetch(`${url}/emulator/requests/${String((await json(request)).id)}/approve`, {
    method: "POST",
  });
  if (approve.status !== 200) throw new Error(`approval failed: ${approve.status}`);
  const query = new URLSearchParams({
    "system-id": systemId,
    orgno: partyOrgNo,
    ...(opts.externalRef ? { "external-ref": opts.externalRef } : {}),
  });
  const user = await api(url, vendorToken, "GET", `/systemuser/vendor/byquery?${query.toString()}`);
  return { vendor, vendorToken, systemId, systemUserId: String((await json(user)).id) };
}

export async function registerVendor(
  url: string,
  key: Parameters<typeof registerClient>[1],
  scopes: string[] = VENDOR_SCOPES,
): Promise<TestClient> {
  return registerClient(url, key, VENDOR_ORG, scopes);
}

export interface KeyedEmulator {
  emu: RunningEmulator;
  /** Signs anything with the emulator's own key: header kid is the emulator's. */
  forge(claims: JWTPayload): Promise<string>;
}

export async function startWithKnownKey(): Promise<KeyedEmulator> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `known-${randomUUID()}`;
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const file = join(mkdtempSync(join(tmpdir(), "emu-tokens-")), "state.json");
  const data = { clients: [], systems: [], requests: [], systemUsers: [], stats: { tokenGrants: 0 } };
  writeFileSync(file, JSON.stringify({ version: 1, signingKey: jwk, data }));
  const emu = await startEmulator({ port: 0, stateFile: file });
  const key = await importJWK(jwk, "RS256");
  return {
    emu,
    forge: (claims) => new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid, typ: "JWT" }).sign(key),
  };
}
