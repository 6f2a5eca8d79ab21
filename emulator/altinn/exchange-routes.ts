// Token exchange (CONTRACT §2) and Altinn's OIDC metadata/JWKS. The emulator is Maskinporten,
// ID-porten and Altinn at once, so "validate against the provider's JWKS" means: signed by the
// emulator key with that provider's issuer.
import type { JWTPayload } from "jose";
import type { Emulator } from "../context";
import { sendEmpty, sendJson, sendProblemJson, sendText } from "../lib/http";
import { param, type Router } from "../lib/router";
import {
  altinnIssuer,
  bearerToken,
  idportenIssuer,
  orgFromConsumer,
  signAltinnToken,
  verifyEmulatorToken,
} from "../lib/tokens";

const BASE = "/authentication/api/v1";
/** Claims Altinn drops before re-issuing; iat/nbf/exp/sid are set anew by signAltinnToken. */
const DROPPED = ["aud", "iss", "client_amr", "sid", "iat", "nbf", "exp"];
/** ID-porten tokens always map to this level: the emulator's persons log in at "substantial". */
const AUTH_LEVEL = 3;

function without(payload: JWTPayload, names: readonly string[]): JWTPayload {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !names.includes(k)));
}

async function fromMaskinporten(emu: Emulator, token: string): Promise<string | null> {
  const payload = await verifyEmulatorToken(emu, token, [emu.issuer]);
  const orgNo = payload ? orgFromConsumer(payload.consumer) : null;
  if (!payload || !orgNo) return null;
  return signAltinnToken(emu, {
    ...without(payload, DROPPED),
    "urn:altinn:orgNumber": orgNo,
    "urn:altinn:authenticatemethod": "maskinporten",
    "urn:altinn:authlevel": AUTH_LEVEL,
  });
}

async function fromIdporten(emu: Emulator, token: string): Promise<string | null> {
  const payload = await verifyEmulatorToken(emu, token, [idportenIssuer(emu)]);
  if (!payload || typeof payload.pid !== "string") return null;
  // This shape is what person-auth.ts (authorizePerson) accepts: pid + scope from Altinn's issuer.
  return signAltinnToken(emu, {
    pid: payload.pid,
    scope: typeof payload.scope === "string" ? payload.scope : "",
    ...(typeof payload.client_id === "string" ? { client_id: payload.client_id } : {}),
    ...(typeof payload.acr === "string" ? { acr: payload.acr } : {}),
    "urn:altinn:authenticatemethod": "idporten",
    "urn:altinn:authlevel": AUTH_LEVEL,
  });
}

function isReadableJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}

export function registerExchange(router: Router, emu: Emulator): void {
  router.get(`${BASE}/exchange/:tokenProvider`, async (ctx) => {
    // The enterprise-user flow is discontinued; Altinn answers 410 before looking at anything else.
    if (ctx.req.headers["x-altinn-enterpriseuser-authentication"] !== undefined) {
      return sendProblemJson(ctx.res, 410, { title: "Virksomhetsbruker is no longer available", status: 410 });
    }
    const token = bearerToken(ctx.req.headers.authorization);
    if (!token || !isReadableJwt(token)) return sendEmpty(ctx.res, 401);
    const provider = param(ctx, "tokenProvider");
    // `?test=true` only changes urn:altinn:org for Digdir service-owner tokens, which are not emulated.
    let exchanged: string | null;
    switch (provider.toLowerCase()) {
      case "maskinporten":
        exchanged = await fromMaskinporten(emu, token);
        break;
      case "id-porten":
        exchanged = await fromIdporten(emu, token);
        break;
      case "altinnstudio":
        // No Altinn Studio issuer exists in the emulator, so no token can validate.
        exchanged = null;
        break;
      default:
        return sendText(
          ctx.res,
          400,
          `Invalid token provider: ${provider}. Trusted token providers are 'Maskinporten', 'Id-porten' and 'AltinnStudio'.`,
        );
    }
    if (!exchanged) return sendEmpty(ctx.res, 401);
    sendText(ctx.res, 200, exchanged);
  });

  const configPath = `${BASE}/openid/.well-known/openid-configuration`;
  router.get(configPath, ({ res }) => {
    sendJson(res, 200, {
      issuer: altinnIssuer(emu),
      jwks_uri: `${emu.publicUrl}${configPath}/jwks`,
      token_endpoint: `${emu.publicUrl}${BASE}/exchange/maskinporten`,
      response_types_supported: ["token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
  });
  router.get(`${configPath}/jwks`, ({ res }) => sendJson(res, 200, { keys: [emu.store.signing.publicJwk] }));
}
