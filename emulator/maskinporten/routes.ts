// Maskinporten endpoints: token (CONTRACT §1.1–1.5), metadata and JWKS (§1.6).
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { Emulator } from "../context";
import type { Router } from "../lib/router";
import { mediaType, readForm, sendJson } from "../lib/http";
import { validateGrant, type GrantError } from "./grant";
import { resolveAuthorizationDetails } from "./system-user-grant";

const EXPIRES_IN = 599;
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

function sendError(res: Parameters<typeof sendJson>[0], e: GrantError): void {
  sendJson(res, 400, { error: e.error, error_description: e.description }, NO_STORE);
}

export function registerMaskinporten(router: Router, emu: Emulator): void {
  router.get("/.well-known/oauth-authorization-server", ({ res }) => {
    sendJson(res, 200, {
      authorization_details_types_supported: ["urn:altinn:systemuser", "urn:altinn:consent"],
      grant_types_supported: ["urn:ietf:params:oauth:grant-type:jwt-bearer"],
      issuer: emu.issuer,
      jwks_uri: `${emu.publicUrl}/jwk`,
      token_endpoint: `${emu.publicUrl}/token`,
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      token_endpoint_auth_signing_alg_values_supported: ["RS256", "RS384", "RS512"],
    });
  });

  router.get("/jwk", ({ res }) => {
    sendJson(res, 200, { keys: [emu.store.signing.publicJwk] });
  });

  router.post("/token", async ({ req, res }) => {
    if (mediaType(req) !== "application/x-www-form-urlencoded") {
      sendError(res, {
        error: "invalid_request",
        description: "Content-Type must be application/x-www-form-urlencoded",
      });
      return;
    }
    const result = await validateGrant(emu, await readForm(req));
    if (!result.ok) return sendError(res, result.error);
    const { grant } = result;

    let details: Record<string, unknown>[] | undefined;
    if (grant.authorizationDetails !== undefined) {
      const resolved = resolveAuthorizationDetails(emu.store.data, grant.client, grant.authorizationDetails);
      if (!resolved.ok) return sendError(res, resolved.error);
      details = resolved.details;
    }
    // Recorded only once every check has passed; claimJti re-checks synchronously, so two concurrent
    // grants with the same jti cannot both succeed.
    if (grant.jti !== undefined && !emu.store.claimJti(grant.jti, grant.exp, Math.floor(emu.now().getTime() / 1000))) {
      return sendError(res, { error: "invalid_grant", description: "Invalid assertion. Grant is used before" });
    }

    const now = Math.floor(emu.now().getTime() / 1000);
    const claims: Record<string, unknown> = {
      ...(details ? { authorization_details: details } : {}),
      scope: grant.scope,
      iss: emu.issuer,
      client_amr: "private_key_jwt",
      token_type: "Bearer",
      aud: grant.resource ?? "unspecified",
      exp: now + EXPIRES_IN,
      iat: now,
      client_id: grant.client.clientId,
      jti: randomUUID(),
      consumer: { authority: "iso6523-actorid-upis", ID: `0192:${grant.client.orgNo}` },
    };
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: emu.store.signing.kid, typ: "JWT" })
      .sign(emu.store.signing.privateKey);
    emu.store.mutate((d) => {
      d.stats.tokenGrants += 1;
    });
    sendJson(
      res,
      200,
      { access_token: accessToken, token_type: "Bearer", expires_in: EXPIRES_IN, scope: grant.scope },
      NO_STORE,
    );
  });
}
