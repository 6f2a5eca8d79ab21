import {
  CLIENT_DELEGATION_SCOPES,
  DIGDIR_WRITE_SCOPE,
  LOCAL_ENVIRONMENT,
  LOCAL_IDPORTEN_CLIENT_ID,
} from "@/lib/environments/local";

/** Registers (or refreshes) the Local emulator's Maskinporten client through the emulator's admin API. */
export async function registerDemoClient(emulatorUrl: string, jwks: { keys: unknown[] }) {
  const res = await fetch(`${emulatorUrl.replace(/\/$/, "")}/emulator/maskinporten/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: LOCAL_ENVIRONMENT.clientId,
      org_no: LOCAL_ENVIRONMENT.vendorOrgNo,
      scopes: [...LOCAL_ENVIRONMENT.scopes, DIGDIR_WRITE_SCOPE],
      jwks,
    }),
  });
  if (!res.ok) throw new Error(`emulator refused the demo client: ${res.status} ${await res.text()}`);
}

/** Registers the portal's ID-porten client (client administrators' login) with the portal's callback. */
export async function registerIdportenClient(emulatorUrl: string, portalUrl: string) {
  const res = await fetch(`${emulatorUrl.replace(/\/$/, "")}/emulator/idporten/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: LOCAL_IDPORTEN_CLIENT_ID,
      redirect_uris: [new URL("/clients/callback", portalUrl).toString()],
      scopes: CLIENT_DELEGATION_SCOPES,
    }),
  });
  if (!res.ok) throw new Error(`emulator refused the ID-porten client: ${res.status} ${await res.text()}`);
}
