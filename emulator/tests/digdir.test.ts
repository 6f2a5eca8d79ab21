// Digdir self-service API for client keys (CONTRACT §1.7): GET/POST /clients/{client_id}/jwks.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import {
  accessToken,
  json,
  newKey,
  OTHER_VENDOR_ORG,
  postToken,
  registerClient,
  signGrant,
  start,
  VENDOR_ORG,
  type TestClient,
} from "./helpers";

const DCR = ["idporten:dcr.write", "idporten:dcr.read", "idporten:dcr.modify"];
const SCOPE = "altinn:authentication/systemregister.write";
let emu: RunningEmulator;
let admin: TestClient;
let target: TestClient;

beforeAll(async () => {
  emu = await start();
});
afterAll(async () => emu.close());
beforeEach(async () => {
  await fetch(`${emu.url}/emulator/reset`, { method: "POST" });
  admin = await registerClient(emu.url, await newKey(), VENDOR_ORG, DCR);
  target = await registerClient(emu.url, await newKey("target-old"), VENDOR_ORG, [SCOPE]);
});

const jwksUrl = (clientId: string) => `${emu.url}/clients/${encodeURIComponent(clientId)}/jwks`;
const get = (clientId: string, token: string | null) =>
  fetch(jwksUrl(clientId), { headers: token ? { authorization: `Bearer ${token}` } : {} });
const post = (clientId: string, token: string, body: unknown) =>
  fetch(jwksUrl(clientId), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("GET /clients/{client_id}/jwks", () => {
  it("lists the client's public keys with any idporten:dcr.* scope", async () => {
    for (const scope of DCR) {
      const res = await get(target.clientId, await accessToken(emu.url, admin, scope));
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({
        keys: [
          {
            kty: "RSA",
            kid: "target-old",
            n: target.key.publicJwk.n,
            e: target.key.publicJwk.e,
            alg: "RS256",
            use: "sig",
          },
        ],
      });
    }
  });

  it("answers 401 without a token, 403 without the scope, 404 for an unknown client and 403 for another org's client", async () => {
    const res401 = await get(target.clientId, null);
    expect(res401.status).toBe(401);
    expect(await res401.text()).toBe("");
    const noScope = await registerClient(emu.url, await newKey(), VENDOR_ORG, [SCOPE]);
    const res403 = await get(target.clientId, await accessToken(emu.url, noScope, SCOPE));
    expect(res403.status).toBe(403);
    expect((await json(res403)).error).toBe("insufficient_scope");
    const token = await accessToken(emu.url, admin, "idporten:dcr.read");
    expect((await get("no-such-client", token)).status).toBe(404);
    const foreign = await registerClient(emu.url, await newKey(), OTHER_VENDOR_ORG, [SCOPE]);
    const resForeign = await get(foreign.clientId, token);
    expect(resForeign.status).toBe(403);
    expect(await json(resForeign)).toEqual({
      error: "access_denied",
      error_description: `Client ${foreign.clientId} does not belong to organisation ${VENDOR_ORG}`,
    });
  });
});

describe("POST /clients/{client_id}/jwks", () => {
  it("replaces the client's keys: the new key signs grants, the old one no longer does", async () => {
    const fresh = await newKey("target-new");
    const res = await post(target.clientId, await accessToken(emu.url, admin, "idporten:dcr.write"), {
      keys: [fresh.publicJwk],
    });
    expect(res.status).toBe(200);
    expect(((await json(res)).keys as unknown[]).length).toBe(1);
    expect((await postToken(emu.url, await signGrant(emu.url, { ...target, key: fresh }, SCOPE))).status).toBe(200);
    const old = await postToken(emu.url, await signGrant(emu.url, target, SCOPE));
    expect(await json(old)).toEqual({
      error: "invalid_grant",
      error_description: "MP-100 Invalid assertion. Client authentication failed.",
    });
  });

  it("lets the client re-send its own kid, but not another client's", async () => {
    const token = await accessToken(emu.url, admin, "idporten:dcr.write");
    expect((await post(target.clientId, token, { keys: [target.key.publicJwk] })).status).toBe(200);
    const res = await post(target.clientId, token, { keys: [{ ...(await newKey()).publicJwk, kid: admin.key.kid }] });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      error: "invalid_request",
      error_description: `kid ${admin.key.kid} er allerede i bruk. / kid ${admin.key.kid} is already registered (kid must be unique across all clients).`,
    });
  });

  it("runs the self-service key checks and needs the write scope", async () => {
    const token = await accessToken(emu.url, admin, "idporten:dcr.write");
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
    expect(await json(await post(target.clientId, token, { keys: [{ ...small, kid: "small" }] }))).toEqual({
      error: "invalid_request",
      error_description: "Nøkkelen small er kortere enn 2048 bit. / Key small is shorter than 2048 bits.",
    });
    expect(await json(await post(target.clientId, token, { kid: "x" }))).toEqual({
      error: "invalid_request",
      error_description: 'The body must be a JWKS: {"keys":[...]}',
    });
    expect(
      (await post(target.clientId, await accessToken(emu.url, admin, "idporten:dcr.read"), { keys: [] })).status,
    ).toBe(403);
  });
});
