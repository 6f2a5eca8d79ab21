// Digdir self-service API for client keys (CONTRACT §1.7), the machine counterpart of the
// self-service page. Authenticated by an emulator Maskinporten token with an idporten:dcr.* scope
// whose consumer org owns the client.
import type { Emulator } from "../context";
import { mediaType, readText, sendEmpty, sendJson } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";
import { bearerToken, orgFromConsumer, scopeSet, verifyEmulatorToken } from "../lib/tokens";
import { validatePublicJwks } from "../maskinporten/jwk-validation";
import type { MaskinportenClient, PublicRsaJwk } from "../state/schema";

const READ_SCOPES = ["idporten:dcr.read", "idporten:dcr.modify", "idporten:dcr.write"];
const WRITE_SCOPES = ["idporten:dcr.write"];

const error = (ctx: Ctx, status: number, code: string, description: string) =>
  sendJson(ctx.res, status, { error: code, error_description: description });

/** Only the JWK members go out; the emulator-only expiresAt stays internal. */
function publicKey(k: PublicRsaJwk): Record<string, unknown> {
  const out: Record<string, unknown> = { kty: k.kty, kid: k.kid, n: k.n, e: k.e };
  if (k.alg) out.alg = k.alg;
  if (k.use) out.use = k.use;
  return out;
}

/** 401 (no valid token), 403 (scope), 404 (unknown client), 403 (other org's client), in that order. */
async function authorizeClient(ctx: Ctx, emu: Emulator, scopes: readonly string[]): Promise<MaskinportenClient | null> {
  const payload = await verifyEmulatorToken(emu, bearerToken(ctx.req.headers.authorization), [emu.issuer]);
  const orgNo = payload ? orgFromConsumer(payload.consumer) : null;
  if (!payload || !orgNo) {
    sendEmpty(ctx.res, 401, { "www-authenticate": "Bearer" });
    return null;
  }
  const granted = scopeSet(payload);
  if (!scopes.some((s) => granted.has(s))) {
    error(ctx, 403, "insufficient_scope", `The token needs one of the scopes ${scopes.join(", ")}`);
    return null;
  }
  const client = emu.store.data.clients.find((c) => c.clientId === param(ctx, "clientId"));
  if (!client) {
    error(ctx, 404, "not_found", "Unknown client_id");
    return null;
  }
  if (client.orgNo !== orgNo) {
    error(ctx, 403, "access_denied", `Client ${client.clientId} does not belong to organisation ${orgNo}`);
    return null;
  }
  return client;
}

export function registerDigdirApi(router: Router, emu: Emulator): void {
  router.get("/clients/:clientId/jwks", async (ctx) => {
    const client = await authorizeClient(ctx, emu, READ_SCOPES);
    if (client) sendJson(ctx.res, 200, { keys: client.keys.map(publicKey) });
  });

  router.post("/clients/:clientId/jwks", async (ctx) => {
    const client = await authorizeClient(ctx, emu, WRITE_SCOPES);
    if (!client) return;
    if (mediaType(ctx.req) !== "application/json")
      return error(ctx, 415, "invalid_request", "Content-Type must be application/json");
    let body: unknown;
    try {
      body = JSON.parse(await readText(ctx.req));
    } catch {
      return error(ctx, 400, "invalid_request", "The body is not valid JSON");
    }
    if (typeof body !== "object" || body === null || !Array.isArray(Reflect.get(body, "keys"))) {
      return error(ctx, 400, "invalid_request", 'The body must be a JWKS: {"keys":[...]}');
    }
    // The POSTed set replaces the client's keys, so its own kids may be sent again.
    const checked = validatePublicJwks(body, emu.store.data.clients, client.clientId, true);
    if (!checked.ok) return error(ctx, 400, "invalid_request", checked.message);
    emu.store.mutate(() => {
      client.keys = checked.keys;
    });
    sendJson(ctx.res, 200, { keys: client.keys.map(publicKey) });
  });
}
