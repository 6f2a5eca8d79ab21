// ID-porten OpenID Connect provider for synthetic persons (authorization code + PKCE). Its tokens
// feed /exchange/id-porten, which gives the Altinn person token the client delegation API wants.
import { z } from "zod";
import type { Emulator } from "../context";
import { readText, sendJson } from "../lib/http";
import type { Router } from "../lib/router";
import { idportenIssuer } from "../lib/tokens";
import { registerAuthorize } from "./authorize";
import { hashClientSecret } from "./client-auth";
import { IdportenRegistry, type IdportenClient } from "./registry";
import { registerToken } from "./token";

const clientInput = z.object({
  client_id: z.string().trim().min(1),
  redirect_uris: z.array(z.url()).min(1),
  scopes: z.array(z.string().trim().min(1)).default([]),
  // A confidential client (e.g. a web app's sign-in) has a secret; without one the client is public (PKCE only).
  client_secret: z.string().min(16).optional(),
});

const publicClient = (c: IdportenClient) => ({
  client_id: c.clientId,
  redirect_uris: c.redirectUris,
  scopes: c.scopes,
  confidential: c.secretHash !== undefined,
});

export function registerIdPorten(router: Router, emu: Emulator): void {
  const registry = new IdportenRegistry(emu);

  router.get("/idporten/.well-known/openid-configuration", ({ res }) => {
    const base = `${emu.publicUrl}/idporten`;
    sendJson(res, 200, {
      issuer: idportenIssuer(emu),
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/jwks`,
      response_types_supported: ["code"],
      response_modes_supported: ["query"],
      grant_types_supported: ["authorization_code"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
      subject_types_supported: ["pairwise"],
      id_token_signing_alg_values_supported: ["RS256"],
      acr_values_supported: ["idporten-loa-substantial"],
      // `email` is the emulator's addition (README: documented deviations); ID-porten itself has openid and profile.
      scopes_supported: ["openid", "profile", "email"],
      claims_supported: ["sub", "pid", "acr", "amr", "name", "email", "email_verified"],
      authorization_response_iss_parameter_supported: true,
    });
  });

  router.get("/idporten/jwks", ({ res }) => sendJson(res, 200, { keys: [emu.store.signing.publicJwk] }));

  // Emulator-only: registers (upserts) an ID-porten client, like creating one in Samarbeidsportalen.
  router.post("/emulator/idporten/clients", async ({ req, res }) => {
    let body: unknown;
    try {
      body = JSON.parse(await readText(req));
    } catch {
      return sendJson(res, 400, { error: "Body is not valid JSON" });
    }
    const parsed = clientInput.safeParse(body);
    if (!parsed.success) return sendJson(res, 400, { error: z.prettifyError(parsed.error) });
    const client: IdportenClient = {
      clientId: parsed.data.client_id,
      redirectUris: parsed.data.redirect_uris,
      scopes: [...new Set(parsed.data.scopes)],
      ...(parsed.data.client_secret !== undefined ? { secretHash: hashClientSecret(parsed.data.client_secret) } : {}),
    };
    registry.clients.set(client.clientId, client);
    sendJson(res, 200, publicClient(client));
  });

  router.get("/emulator/idporten/clients", ({ res }) =>
    sendJson(res, 200, [...registry.clients.values()].map(publicClient)),
  );

  registerAuthorize(router, emu, registry);
  registerToken(router, emu, registry);
}
