// Validation of the JWT bearer grant (CONTRACT §1.1, §1.2, §1.5). Checks run in a fixed order so the
// first problem a client has is the one it is told about.
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload } from "jose";
import type { Emulator } from "../context";
import type { MaskinportenClient } from "../state/schema";

export interface GrantError {
  error: string;
  description: string;
}

export interface ValidGrant {
  client: MaskinportenClient;
  scope: string;
  jti: string | undefined;
  exp: number;
  resource: string[] | undefined;
  authorizationDetails: unknown;
}

export type GrantResult = { ok: true; grant: ValidGrant } | { ok: false; error: GrantError };

const GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const ALGS = ["RS256", "RS384", "RS512"];
const KNOWN_CLAIMS = new Set([
  "aud",
  "iss",
  "iat",
  "exp",
  "jti",
  "scope",
  "resource",
  "pid",
  "consumer_org",
  "iss_onbehalfof",
  "authorization_details",
  "sub",
]);
/** Documented claims the emulator does not implement; rejected so nobody relies on them silently. */
const UNSUPPORTED_CLAIMS = ["pid", "consumer_org", "iss_onbehalfof"];
const MAX_SKEW_SECONDS = 10;
const MAX_LIFETIME_SECONDS = 120;

const fail = (error: string, description: string): GrantResult => ({ ok: false, error: { error, description } });
const MALFORMED = fail("invalid_request", "Invalid assertion. Invalid parameter value");
const MP100 = fail("invalid_grant", "MP-100 Invalid assertion. Client authentication failed.");

export async function validateGrant(emu: Emulator, form: URLSearchParams): Promise<GrantResult> {
  const grantType = form.get("grant_type");
  if (!grantType) return fail("invalid_request", "Missing grant_type");
  if (grantType !== GRANT_TYPE) return fail("unsupported_grant_type", `Unsupported grant_type. Use ${GRANT_TYPE}`);
  const assertion = form.get("assertion");
  if (!assertion) return fail("invalid_request", "Missing assertion");

  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(assertion);
    claims = decodeJwt(assertion);
  } catch {
    return MALFORMED;
  }
  if (!header.alg || !ALGS.includes(header.alg))
    return fail("invalid_request", "Invalid assertion. Invalid parameter value: alg must be RS256, RS384 or RS512");
  // Exactly one of kid (own key) and x5c (business certificate) identifies the signing key (§1.2).
  if (header.x5c !== undefined && header.kid !== undefined)
    return fail("invalid_request", "Invalid assertion. Invalid parameter value: use either kid or x5c, not both");
  if (header.x5c !== undefined) {
    if (!Array.isArray(header.x5c)) return fail("invalid_grant", "Failed to extract certificate from jwt");
    return fail(
      "invalid_grant",
      "Invalid assertion. Client authentication failed. Business certificates (x5c) are not emulated; register a JWK on the client and use kid",
    );
  }
  if (typeof header.kid !== "string" || header.kid.length === 0)
    return fail("invalid_request", "Invalid assertion. Invalid parameter value: kid or x5c is required");

  const client = emu.store.data.clients.find((c) => c.clientId === claims.iss);
  if (typeof claims.iss !== "string" || !client) return MP100;
  const jwk = client.keys.find((k) => k.kid === header.kid);
  if (!jwk) return MP100;
  try {
    // Algorithm comes from the grant header; the registered JWK only contributes n and e.
    const key = await importJWK({ kty: "RSA", n: jwk.n, e: jwk.e }, header.alg);
    await compactVerify(assertion, key, { algorithms: [header.alg] });
  } catch {
    return MP100;
  }
  // Checked after the signature so only the key's holder learns that the key has expired.
  if (jwk.expiresAt !== undefined && Date.parse(jwk.expiresAt) <= emu.now().getTime()) {
    return fail("invalid_grant", "MP-121 Invalid assertion. Client authentication failed. Expired key");
  }

  const audOk = typeof claims.aud === "string" && (claims.aud === emu.issuer || claims.aud === emu.publicUrl);
  if (!audOk)
    return fail("invalid_grant", "MP-110 Invalid assertion. Client authentication failed. Invalid JWT claim aud");

  const now = Math.floor(emu.now().getTime() / 1000);
  if (typeof claims.iat !== "number" || typeof claims.exp !== "number") return MALFORMED;
  if (Math.abs(now - claims.iat) > MAX_SKEW_SECONDS) {
    return fail(
      "invalid_grant",
      "Invalid assertion. Client authentication failed. Invalid JWT claim iat: must be within 10 seconds of the server clock",
    );
  }
  if (claims.exp - claims.iat > MAX_LIFETIME_SECONDS) {
    return fail(
      "invalid_grant",
      "Invalid assertion. Client authentication failed. Invalid JWT claim exp: exp - iat must not exceed 120 seconds",
    );
  }
  if (claims.exp <= now)
    return fail("invalid_grant", "Invalid assertion. Client authentication failed. JWT is expired");

  if (claims.jti !== undefined && typeof claims.jti !== "string") return MALFORMED;
  if (claims.jti !== undefined && emu.store.isJtiUsed(claims.jti))
    return fail("invalid_grant", "Invalid assertion. Grant is used before");

  if (typeof claims.scope !== "string" || claims.scope.trim() === "")
    return fail("invalid_scope", "Token request contains no scopes");
  const scopes = claims.scope.split(" ").filter(Boolean);
  if (scopes.some((s) => !client.scopes.includes(s)))
    return fail("invalid_scope", "Token request contains invalid scopes for client");

  if (Object.keys(claims).some((k) => !KNOWN_CLAIMS.has(k))) return MALFORMED;
  const unsupported = UNSUPPORTED_CLAIMS.find((c) => c in claims);
  if (unsupported)
    return fail(
      "invalid_request",
      `Invalid assertion. Invalid parameter value: ${unsupported} is not supported by the emulator`,
    );

  const resource: unknown = claims.resource;
  if (
    resource !== undefined &&
    !(Array.isArray(resource) && resource.every((r): r is string => typeof r === "string"))
  ) {
    // Maskinporten only supports the array form of resource (CONTRACT §1.2).
    return MALFORMED;
  }

  return {
    ok: true,
    grant: {
      client,
      scope: scopes.join(" "),
      jti: claims.jti,
      exp: claims.exp,
      resource,
      authorizationDetails: claims.authorization_details,
    },
  };
}
