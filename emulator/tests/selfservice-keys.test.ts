// Self-service additions: PEM public keys with a separate kid, key expiry, and removing keys.
import { generateKeyPairSync } from "node:crypto";
import { importPKCS8 } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import {
  json,
  newKey,
  postToken,
  registerClient,
  sharedEmulator,
  signGrant,
  type TestClient,
  type TestKey,
  VENDOR_SCOPES,
} from "./helpers";

const SCOPE = VENDOR_SCOPES[0] ?? "";
const emu = sharedEmulator();
let client: TestClient;

beforeEach(async () => {
  client = await registerClient(emu.url, await newKey("first-kid"));
});

function addKey(fields: Record<string, string>): Promise<Response> {
  return fetch(`${emu.url}/selfservice/clients/${client.clientId}/keys`, {
    method: "POST",
    body: new URLSearchParams(fields),
  });
}

function rsaPem(): { pem: string; privatePem: string } {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    pem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
    privatePem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

describe("self-service PEM keys", () => {
  it("adds a PEM public key under the given kid, and that key signs grants", async () => {
    const { pem, privatePem } = rsaPem();
    const res = await addKey({ jwk: pem, kid: "pem-kid" });
    expect(res.status).toBe(200);
    expect(res.url).toContain("?added=pem-kid");
    const pemKey: TestKey = { kid: "pem-kid", privateKey: await importPKCS8(privatePem, "RS256"), publicJwk: {} };
    expect((await postToken(emu.url, await signGrant(emu.url, { ...client, key: pemKey }, SCOPE))).status).toBe(200);
  });

  it("requires a kid for PEM and rejects private, non-RSA and malformed PEM", async () => {
    const { pem, privatePem } = rsaPem();
    expect(await (await addKey({ jwk: pem, kid: " " })).text()).toContain(
      "Fyll inn kid for PEM-nøkkelen. / Enter a kid for the PEM key.",
    );
    const priv = await addKey({ jwk: privatePem, kid: "p" });
    expect(priv.status).toBe(400);
    expect(await priv.text()).toContain("Dette er en privat nøkkel.");
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    expect(await (await addKey({ jwk: ec, kid: "ec" })).text()).toContain(
      "Bare RSA-nøkler støttes, og PEM-teksten må være gyldig.",
    );
    expect(
      await (await addKey({ jwk: "-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----", kid: "c" })).text(),
    ).toContain("PEM må være «-----BEGIN PUBLIC KEY-----».");
  });
});

describe("self-service key expiry", () => {
  it("stores expiresAt (UTC) from the form; an expired key gives MP-121", async () => {
    const key = await newKey("expiring");
    const res = await addKey({ jwk: JSON.stringify(key.publicJwk), expiresAt: "2020-01-01T12:00" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("utløper / expires 2020-01-01T12:00:00.000Z");
    const grant = await signGrant(emu.url, { ...client, key }, SCOPE);
    expect(await json(await postToken(emu.url, grant))).toEqual({
      error: "invalid_grant",
      error_description: "MP-121 Invalid assertion. Client authentication failed. Expired key",
    });
  });
});

describe("self-service key removal", () => {
  it("removes a key with its button and confirms with role=status", async () => {
    const page = await (await fetch(`${emu.url}/selfservice/clients/${client.clientId}`)).text();
    expect(page).toContain(`action="/selfservice/clients/${client.clientId}/keys/first-kid/delete"`);
    expect(page).toContain("Fjern first-kid / Remove");
    const res = await fetch(`${emu.url}/selfservice/clients/${client.clientId}/keys/first-kid/delete`, {
      method: "POST",
    });
    expect(res.status).toBe(200);
    expect(res.url).toContain("?removed=first-kid");
    const html = await res.text();
    expect(html).toContain('<p class="status" role="status">Nøkkel fjernet / Key removed: <code>first-kid</code></p>');
    expect(html).toContain("Ingen nøkler. / No keys.");
    expect(await json(await postToken(emu.url, await signGrant(emu.url, client, SCOPE)))).toEqual({
      error: "invalid_grant",
      error_description: "MP-100 Invalid assertion. Client authentication failed.",
    });
  });

  it("answers 404 for an unknown kid", async () => {
    expect(
      (await fetch(`${emu.url}/selfservice/clients/${client.clientId}/keys/nope/delete`, { method: "POST" })).status,
    ).toBe(404);
  });
});
