// Client authentication at ID-porten's token endpoint. ID-porten takes client_secret_basic,
// client_secret_post, private_key_jwt and (for public clients with PKCE) none; the emulator does all but
// private_key_jwt. A client registered with a secret must present it; one without a secret is public.
import { createHash, timingSafeEqual } from "node:crypto";
import type { IdportenRegistry } from "./registry";

export type ClientAuthResult =
  { ok: true; clientId: string } | { ok: false; status: 400 | 401; error: string; description: string };

export function hashClientSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}

/** RFC 6749 Appendix B: both halves of the Basic credentials are form-urlencoded before base64. */
function basicCredentials(header: string): { id: string; secret: string } | null {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header)?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 1) return null;
  try {
    const unform = (v: string) => decodeURIComponent(v.replace(/\+/g, " "));
    return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

const sameSecret = (hash: string, secret: string) =>
  timingSafeEqual(Buffer.from(hash), Buffer.from(hashClientSecret(secret)));

export function authenticateClient(
  registry: IdportenRegistry,
  authorization: string | undefined,
  form: URLSearchParams,
): ClientAuthResult {
  const fail = (status: 400 | 401, error: string, description: string): ClientAuthResult => ({
    ok: false,
    status,
    error,
    description,
  });
  let clientId = form.get("client_id") ?? "";
  let secret = form.get("client_secret");
  // RFC 6749 §5.2: a failed Basic authentication is a 401; the other methods answer 400.
  const failStatus = authorization ? 401 : 400;
  if (authorization) {
    const basic = basicCredentials(authorization);
    if (!basic) return fail(401, "invalid_client", "Malformed Basic client credentials");
    // RFC 6749 §2.3: one authentication method per request.
    if (secret !== null) return fail(400, "invalid_request", "Use one client authentication method, not two");
    if (clientId && clientId !== basic.id)
      return fail(400, "invalid_request", "client_id does not match the credentials");
    clientId = basic.id;
    secret = basic.secret;
  }
  if (!clientId) return fail(400, "invalid_request", "Missing parameter: client_id");
  const client = registry.clients.get(clientId);
  if (!client) return fail(failStatus, "invalid_client", "Unknown client_id");
  if (client.secretHash === undefined) {
    if (secret !== null) return fail(failStatus, "invalid_client", "The client is public: it has no secret");
    return { ok: true, clientId };
  }
  if (secret === null || !sameSecret(client.secretHash, secret)) {
    return fail(failStatus, "invalid_client", "Client authentication failed");
  }
  return { ok: true, clientId };
}
