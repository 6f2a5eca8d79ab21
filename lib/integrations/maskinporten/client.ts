import "server-only";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { explainMaskinportenError } from "@/lib/integrations/maskinporten/errors";
import type { CallLog, Signer } from "@/lib/integrations/connection";

/** `environmentId` and `calls` tie each grant to the outbound call log. */
export type MaskinportenConfig = {
  issuer: string;
  tokenUrl: string;
  clientId: string;
  environmentId: string;
  calls: CallLog;
};
export type { Signer };
/** `clockSkewMs`: Maskinporten's clock (its `Date` header) minus ours, when it answered with one. */
export type IssuedToken = { accessToken: string; scope: string; expiresAt: number; clockSkewMs?: number };

/** One RAR element per grant (CONTRACT §1.4): the customer, and `externalRef` only when given. */
export type SystemUserDetail = {
  type: "urn:altinn:systemuser";
  systemuser_org: { authority: "iso6523-actorid-upis"; ID: string };
  externalRef?: string;
};

export function systemUserDetails(orgNo: string, externalRef?: string): SystemUserDetail[] {
  return [
    {
      type: "urn:altinn:systemuser",
      systemuser_org: { authority: "iso6523-actorid-upis", ID: `0192:${orgNo}` },
      ...(externalRef ? { externalRef } : {}),
    },
  ];
}

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  scope: z.string().optional(),
});
const errorResponse = z.object({ error: z.string(), error_description: z.string().optional() });

/** JWT-bearer grant (RFC 7523) as Maskinporten wants it: form-encoded, aud = issuer, short-lived, fresh jti. */
export async function signGrant(
  cfg: MaskinportenConfig,
  scopes: string[],
  signer: Signer,
  authorizationDetails?: SystemUserDetail[],
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    scope: scopes.join(" "),
    ...(authorizationDetails ? { authorization_details: authorizationDetails } : {}),
  })
    .setProtectedHeader({ alg: "RS256", kid: signer.kid })
    .setIssuer(cfg.clientId)
    .setAudience(cfg.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .setJti(randomUUID())
    .sign(signer.key);
}

export async function requestToken(
  cfg: MaskinportenConfig,
  scopes: string[],
  signer: Signer,
  authorizationDetails?: SystemUserDetail[],
): Promise<IssuedToken> {
  const assertion = await signGrant(cfg, scopes, signer, authorizationDetails);
  const body = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion });
  const correlationId = randomUUID();
  const started = performance.now();
  const path = new URL(cfg.tokenUrl).pathname;
  const log = (status: number | null, problemCode: string | null) =>
    cfg.calls.record({
      environmentId: cfg.environmentId,
      service: "maskinporten",
      method: "POST",
      path,
      status,
      durationMs: performance.now() - started,
      problemCode,
      correlationId,
    });
  let res: Response;
  try {
    res = await fetch(cfg.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    await log(null, "unreachable");
    throw new AppError(
      "maskinporten_unreachable",
      {
        nb: "Fikk ikke kontakt med Maskinporten. Prøv igjen om litt.",
        en: "Could not reach Maskinporten. Try again shortly.",
      },
      503,
      { cause },
    );
  }
  const json: unknown = await res.json().catch(() => null);
  const clockSkewMs = measureSkew(res.headers.get("date"), started);
  if (!res.ok) {
    const err = errorResponse.safeParse(json);
    const error = explainMaskinportenError(res.status, err.success ? err.data : null, clockSkewMs);
    await log(res.status, error.code);
    throw error;
  }
  await log(res.status, null);
  const ok = tokenResponse.safeParse(json);
  if (!ok.success) {
    throw new AppError(
      "maskinporten_bad_response",
      {
        nb: "Maskinporten svarte med noe uventet.",
        en: "Maskinporten returned an unexpected response.",
      },
      502,
      { cause: ok.error },
    );
  }
  return {
    accessToken: ok.data.access_token,
    scope: ok.data.scope ?? scopes.join(" "),
    expiresAt: Date.now() + ok.data.expires_in * 1000,
    clockSkewMs,
  };
}

/**
 * Maskinporten's `Date` header against our clock at the midpoint of the call. The header has
 * one-second resolution, so only differences of a few seconds and more mean anything.
 */
function measureSkew(date: string | null, startedPerf: number): number | undefined {
  const server = date ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(server)) return undefined;
  const midpoint = Date.now() - (performance.now() - startedPerf) / 2;
  return server - midpoint;
}
