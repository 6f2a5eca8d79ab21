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

/**
 * When the portal's own single sign-on (OIDC_ISSUER) is the emulator's ID-porten, registers that client
 * (a confidential one, with the portal's next-auth callback), so `npm start` and the security suite can
 * sign in through it. Any other issuer is the operator's to register.
 */
export async function registerSignInClient(emulatorUrl: string, env: Record<string, string | undefined>) {
  const base = emulatorUrl.replace(/\/$/, "");
  if (!env.OIDC_ISSUER?.startsWith(`${base}/idporten`) || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return;
  const res = await fetch(`${base}/emulator/idporten/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: env.OIDC_CLIENT_ID,
      client_secret: env.OIDC_CLIENT_SECRET,
      redirect_uris: [new URL("/api/auth/callback/oidc", env.PORTAL_URL).toString()],
      // What lib/auth/oidc.ts asks for (openid is implicit).
      scopes: ["profile", "email"],
    }),
  });
  if (!res.ok) throw new Error(`emulator refused the sign-in client: ${res.status} ${await res.text()}`);
}
