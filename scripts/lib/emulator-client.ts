import { DIGDIR_WRITE_SCOPE, LOCAL_ENVIRONMENT } from "@/lib/local-environment";

/** Registers (or refreshes) the Local emulator's Maskinporten client through the emulator's admin API. */
export async function registerDemoClient(emulatorUrl: string, jwks: { keys: unknown[] }) {
  const res = await fetch(`${emulatorUrl.replace(/\/$/, "")}/emulator/maskinporten/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: LOCAL_ENVIRONMENT.clientId, org_no: LOCAL_ENVIRONMENT.vendorOrgNo, scopes: [...LOCAL_ENVIRONMENT.scopes, DIGDIR_WRITE_SCOPE], jwks }),
  });
  if (!res.ok) throw new Error(`emulator refused the demo client: ${res.status} ${await res.text()}`);
}
