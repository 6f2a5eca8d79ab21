import { generateKeyPairSync } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { newKey, registerClient, sharedEmulator, type TestClient } from "./helpers";

const emu = sharedEmulator();
let client: TestClient;

beforeEach(async () => {
  client = await registerClient(emu.url, await newKey("existing-kid"));
});

async function paste(jwk: unknown): Promise<Response> {
  return fetch(`${emu.url}/selfservice/clients/${client.clientId}/keys`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ jwk: JSON.stringify(jwk) }),
  });
}

describe("self-service key registration", () => {
  it("lists clients and their key ids", async () => {
    const html = await (await fetch(`${emu.url}/selfservice`)).text();
    expect(html).toContain(client.clientId);
    expect(html).toContain("existing-kid");
  });

  it("rejects a private JWK with a clear message", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const res = await paste({ ...(await exportJWK(privateKey)), kid: "private-one" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("privat nøkkel");
    const list = await (await fetch(`${emu.url}/selfservice`)).text();
    expect(list).not.toContain("private-one");
  });

  it("rejects a kid already used by any client, and short or non-RSA keys", async () => {
    expect(await (await paste((await newKey("existing-kid")).publicJwk)).text()).toContain("allerede i bruk");
    // jose refuses to generate RSA keys under 2048 bits, so use node:crypto for the short one.
    const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ format: "jwk" });
    expect(await (await paste({ ...small, kid: "small" })).text()).toContain("2048");
    const { publicKey: ec } = await generateKeyPair("ES256", { extractable: true });
    expect(await (await paste({ ...(await exportJWK(ec)), kid: "ec" })).text()).toContain("Bare RSA");
    expect(await (await paste({ kty: "RSA", n: "x", e: "AQAB" })).text()).toContain("mangler kid");
  });

  it("adds a public key (JWKS form) and shows it with a status message", async () => {
    const res = await paste({ keys: [(await newKey("rotated-2025")).publicJwk] });
    expect(res.status).toBe(200);
    expect(res.url).toContain("?added=rotated-2025");
    const html = await res.text();
    expect(html).toContain('role="status"');
    expect(html).toContain("rotated-2025");
    expect(html).toContain("existing-kid");
  });
});
