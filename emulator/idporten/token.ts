// ID-porten's token endpoint: exchanges an authorization code (with its PKCE verifier) for an
// id_token and an access_token signed by the emulator key. The client authenticates as registered
// (client-auth.ts): with its secret, or as a public PKCE client by client_id alone.
import { createHash } from "node:crypto";
import type { Emulator } from "../context";
import { mediaType, readForm, sendJson } from "../lib/http";
import type { Router } from "../lib/router";
import { signIdportenToken } from "../lib/tokens";
import { authenticateClient } from "./client-auth";
import type { AuthorizationCode, IdportenRegistry } from "./registry";

const ACCESS_TOKEN_LIFETIME_S = 600;
const ID_TOKEN_LIFETIME_S = 600;
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** ID-porten gives each client its own `sub` for a person (pairwise), never the pid itself. */
function pairwiseSub(clientId: string, pid: string): string {
  return createHash("sha256").update(`${clientId}:${pid}`).digest("base64url");
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/**
 * Claims of the scopes `profile` (a name, as ID-porten adds for BankID and Buypass) and `email` (OIDC
 * Core §5.4; not in the real ID-porten: it stands in for Entra ID or Keycloak, see the README), only
 * when the login supplied them. They go in the id_token, as those providers put them.
 */
function scopeClaims(code: AuthorizationCode): Record<string, string | boolean> {
  const scopes = code.scope.split(" ");
  return {
    ...(scopes.includes("profile") && code.name ? { name: code.name } : {}),
    ...(scopes.includes("email") && code.email
      ? { email: code.email.address, email_verified: code.email.verified }
      : {}),
  };
}

export function registerToken(router: Router, emu: Emulator, registry: IdportenRegistry): void {
  router.post("/idporten/token", async ({ req, res }) => {
    const fail = (error: string, description: string) =>
      sendJson(res, 400, { error, error_description: description }, NO_STORE);
    if (mediaType(req) !== "application/x-www-form-urlencoded")
      return fail("invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    const form = await readForm(req);
    if (form.get("grant_type") !== "authorization_code")
      return fail("unsupported_grant_type", "Only grant_type=authorization_code is supported");
    const missing = ["code", "redirect_uri", "code_verifier"].find((name) => !form.get(name));
    if (missing) return fail("invalid_request", `Missing parameter: ${missing}`);
    const auth = authenticateClient(registry, req.headers.authorization, form);
    if (!auth.ok) {
      const headers: Record<string, string> = { ...NO_STORE };
      if (auth.status === 401) headers["www-authenticate"] = 'Basic realm="idporten"';
      return sendJson(res, auth.status, { error: auth.error, error_description: auth.description }, headers);
    }
    const { clientId } = auth;
    const code = registry.takeCode(form.get("code") ?? "");
    if (!code) return fail("invalid_grant", "The authorization code is invalid, expired or already used");
    if (code.clientId !== clientId) return fail("invalid_grant", "The authorization code was issued to another client");
    if (code.redirectUri !== form.get("redirect_uri"))
      return fail("invalid_grant", "redirect_uri does not match the authorization request");
    if (s256(form.get("code_verifier") ?? "") !== code.codeChallenge)
      return fail("invalid_grant", "code_verifier does not match code_challenge");

    const person = {
      pid: code.pid,
      sub: pairwiseSub(clientId, code.pid),
      acr: "idporten-loa-substantial",
      amr: ["TestID"],
      client_id: clientId,
    };
    const idToken = await signIdportenToken(
      emu,
      { ...person, ...scopeClaims(code), aud: clientId, ...(code.nonce !== undefined ? { nonce: code.nonce } : {}) },
      ID_TOKEN_LIFETIME_S,
    );
    const accessToken = await signIdportenToken(
      emu,
      { ...person, aud: clientId, scope: code.scope, token_type: "Bearer" },
      ACCESS_TOKEN_LIFETIME_S,
    );
    sendJson(
      res,
      200,
      {
        access_token: accessToken,
        id_token: idToken,
        token_type: "Bearer",
        expires_in: ACCESS_TOKEN_LIFETIME_S,
        scope: code.scope,
      },
      NO_STORE,
    );
  });
}
