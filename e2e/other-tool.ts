// "Another tool" writing to Altinn's System Register directly: its own Maskinporten client at the
// emulator for the same vendor, so the portal learns of the change only by syncing.
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { randomUUID } from "node:crypto";
import { emulatorUrl } from "./emulator";

const SCOPE = "altinn:authentication/systemregister.write";

export async function otherToolToken(baseURL: string): Promise<{ emulator: string; token: string }> {
  const emulator = emulatorUrl(baseURL);
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `other-tool-${randomUUID()}`;
  const clientId = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const reg = await fetch(`${emulator}/emulator/maskinporten/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: clientId, org_no: "991825827", scopes: [SCOPE], jwks: { keys: [jwk] } }),
  });
  if (!reg.ok) throw new Error(`client registration: ${reg.status} ${await reg.text()}`);
  const assertion = await new SignJWT({ scope: SCOPE })
    .setProtectedHeader({ alg: "RS256", kid })
    .setIssuer(clientId)
    .setAudience(`${emulator}/`)
    .setIssuedAt()
    .setExpirationTime("60s")
    .setJti(randomUUID())
    .sign(privateKey);
  const res = await fetch(`${emulator}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
  });
  const json = (await res.json()) as { access_token?: string };
  if (!json.access_token) throw new Error(`token: ${res.status} ${JSON.stringify(json)}`);
  return { emulator, token: json.access_token };
}

/** Reads the system, lets `change` alter it and PUTs it back whole. */
export async function changeInAltinn(
  baseURL: string,
  systemId: string,
  change: (s: Record<string, unknown>) => Record<string, unknown>,
) {
  const { emulator, token } = await otherToolToken(baseURL);
  const url = `${emulator}/authentication/api/v1/systemregister/vendor/${systemId}`;
  const headers = { authorization: `Bearer ${token}`, accept: "application/json", "content-type": "application/json" };
  const current = (await (await fetch(url, { headers })).json()) as Record<string, unknown>;
  const res = await fetch(url, { method: "PUT", headers, body: JSON.stringify(change(current)) });
  if (!res.ok) throw new Error(`PUT: ${res.status} ${await res.text()}`);
}
