import "server-only";
import { connect } from "@/lib/environments/connect";
import { createHash, randomBytes } from "node:crypto";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { callAltinn } from "@/lib/integrations/altinn/http";
import type { EnvironmentView } from "@/lib/environments/types";
import { CLIENT_DELEGATION_SCOPES } from "@/lib/environments/local";
import { clientsCallbackUrl } from "@/lib/clients/urls";
import type { ClientSession, PendingLogin } from "@/lib/clients/session";

// ID-porten login (authorization code + PKCE S256) for client administrators, then the Altinn token
// exchange (CONTRACT §2): the person's Altinn token is what the client delegation API takes (§5.2).

const discoverySchema = z
  .object({
    issuer: z.string(),
    authorization_endpoint: z.url(),
    token_endpoint: z.url(),
    jwks_uri: z.url(),
  })
  .loose();
type Discovery = z.infer<typeof discoverySchema>;
const tokenSchema = z
  .object({ access_token: z.string(), id_token: z.string(), expires_in: z.number().optional() })
  .loose();

const notConfigured = () =>
  new AppError(
    "idporten_not_configured",
    {
      nb: "ID-porten-innlogging er ikke satt opp for dette miljøet.",
      en: "ID-porten login is not set up for this environment.",
    },
    409,
  );
export const loginFailed = (detail: string) =>
  new AppError(
    "idporten_login_failed",
    {
      nb: `Innloggingen med ID-porten mislyktes (${detail}). Prøv igjen.`,
      en: `The ID-porten login failed (${detail}). Try again.`,
    },
    400,
  );

const trim = (u: string) => u.replace(/\/+$/, "");
const cache = new Map<string, { at: number; value: Discovery; jwks: ReturnType<typeof createRemoteJWKSet> }>();

async function discover(issuer: string) {
  const hit = cache.get(issuer);
  if (hit && Date.now() - hit.at < 600_000) return hit;
  let body: unknown;
  try {
    const res = await fetch(`${trim(issuer)}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(10_000),
    });
    body = res.ok ? await res.json() : null;
  } catch {
    body = null;
  }
  const parsed = discoverySchema.safeParse(body);
  // The issuer in the document must be the one configured (OIDC Discovery §4.3), or tokens could come from elsewhere.
  if (!parsed.success || trim(parsed.data.issuer) !== trim(issuer)) {
    throw new AppError(
      "idporten_unreachable",
      {
        nb: "Fikk ikke kontakt med ID-porten. Prøv igjen om litt.",
        en: "Could not reach ID-porten. Try again shortly.",
      },
      503,
    );
  }
  const entry = { at: Date.now(), value: parsed.data, jwks: createRemoteJWKSet(new URL(parsed.data.jwks_uri)) };
  cache.set(issuer, entry);
  return entry;
}

const b64url = (n: number) => randomBytes(n).toString("base64url");

export async function beginLogin(
  environment: EnvironmentView,
  org: string,
): Promise<{ url: string; pending: PendingLogin }> {
  if (!environment.idportenIssuer || !environment.idportenClientId) throw notConfigured();
  const { value } = await discover(environment.idportenIssuer);
  const pending: PendingLogin = {
    env: environment.slug,
    org,
    state: b64url(24),
    verifier: b64url(48),
    nonce: b64url(24),
  };
  const url = new URL(value.authorization_endpoint);
  Object.entries({
    response_type: "code",
    client_id: environment.idportenClientId,
    redirect_uri: clientsCallbackUrl(),
    scope: ["openid", ...CLIENT_DELEGATION_SCOPES].join(" "),
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: createHash("sha256").update(pending.verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).forEach(([k, v]) => url.searchParams.set(k, v));
  return { url: url.toString(), pending };
}

/** Code → ID-porten tokens (id_token verified) → Altinn person token. Returns the session to store. */
export async function finishLogin(
  environment: EnvironmentView,
  pending: PendingLogin,
  q: URLSearchParams,
): Promise<ClientSession> {
  if (!environment.idportenIssuer || !environment.idportenClientId) throw notConfigured();
  if (q.get("state") !== pending.state) throw loginFailed("state");
  if (q.get("error")) throw loginFailed(q.get("error") ?? "error");
  const { value, jwks } = await discover(environment.idportenIssuer);
  const iss = q.get("iss");
  if (iss && trim(iss) !== trim(value.issuer)) throw loginFailed("iss");
  const code = q.get("code");
  if (!code) throw loginFailed("code");
  const res = await fetch(value.token_endpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: clientsCallbackUrl(),
      client_id: environment.idportenClientId,
      code_verifier: pending.verifier,
    }),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => null);
  const tokens = tokenSchema.safeParse(res?.ok ? await res.json().catch(() => null) : null);
  if (!tokens.success) throw loginFailed("token");
  let sub: string;
  try {
    const { payload } = await jwtVerify(tokens.data.id_token, jwks, {
      issuer: value.issuer,
      audience: environment.idportenClientId,
      clockTolerance: 30,
    });
    if (payload.nonce !== pending.nonce || typeof payload.sub !== "string") throw new Error("nonce");
    sub = payload.sub;
  } catch {
    throw loginFailed("id_token");
  }
  const exchanged = await callAltinn(
    connect(environment),
    { method: "GET", path: "/exchange/id-porten", query: environment.kind === "test" ? { test: "true" } : {} },
    [],
    tokens.data.access_token,
  );
  const altinnToken = exchanged.text.trim();
  const exp = decodeJwt(altinnToken).exp;
  if (typeof exp !== "number") throw loginFailed("exchange");
  return { env: environment.slug, token: altinnToken, exp, sub };
}
