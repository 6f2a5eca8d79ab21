import "server-only";
import type { EnvironmentView } from "@/lib/environments/types";
import type { Connection } from "@/lib/integrations/connection";
import { requestToken, systemUserDetails, type MaskinportenConfig } from "@/lib/integrations/maskinporten/client";
import {
  REFRESH_MARGIN_MS,
  SingleFlightCache,
  tokenCacheKey,
  type CacheOutcome,
  type Cached,
  type SystemUserContext,
} from "@/lib/integrations/maskinporten/cache";

export type { SystemUserContext };

// One cache for Maskinporten and exchanged Altinn tokens: keys start with the environment id, so
// clearTokenCache(environmentId) drops both when keys or settings change.
export type TokenKind = "maskinporten" | "altinn";
export type TokenObserver = (event: CacheOutcome | "granted", token: TokenKind) => void;

let observer: TokenObserver = () => {};

/**
 * Lets the app count the cache's decisions and the grants it makes (lib/environments/connect.ts feeds
 * them to the metrics): integrations import no metrics or database code themselves (ADR 012).
 */
export function observeTokens(fn: TokenObserver): void {
  observer = fn;
}

/** Reports a token obtained from Maskinporten or by exchange at Altinn. */
export function noteGrant(token: TokenKind): void {
  observer("granted", token);
}

/** The kind of a cache key: exchanged Altinn tokens end in "|altinn" (lib/integrations/altinn/exchange.ts). */
export function tokenKind(key: string): TokenKind {
  return key.endsWith("|altinn") ? "altinn" : "maskinporten";
}

export const tokenCache = new SingleFlightCache(REFRESH_MARGIN_MS, (outcome, key) => observer(outcome, tokenKind(key)));

export function clearTokenCache(environmentId?: string) {
  tokenCache.clear(environmentId === undefined ? undefined : `${environmentId}|`);
}

export const maskinportenConfig = (e: Connection): MaskinportenConfig => ({
  issuer: e.maskinportenIssuer,
  tokenUrl: e.maskinportenTokenUrl,
  clientId: e.clientId,
  environmentId: e.id,
  calls: e.calls,
});

/** The environment's own (vendor) token for the Altinn APIs. */
export async function getAccessToken(environment: Connection): Promise<string> {
  const scopes = [...environment.scopes].sort();
  const cached = await tokenCache.get(tokenCacheKey(environment.id, scopes), () => grant(environment, scopes));
  return cached.token;
}

export const systemUserScopes = (e: EnvironmentView) =>
  [...(e.systemUserScopes.length > 0 ? e.systemUserScopes : e.scopes)].sort();

/** The cache key a system-user token is held under; the exchange keys its Altinn token off it. */
export const systemUserCacheKey = (e: EnvironmentView, context: SystemUserContext, scopes?: readonly string[]) =>
  tokenCacheKey(e.id, scopes ? [...scopes].sort() : systemUserScopes(e), {
    orgNo: context.orgNo,
    externalRef: context.externalRef || undefined,
  });

/**
 * A system-user token for one customer (CONTRACT §1.4). `fresh` skips a cached token (the token
 * doctor wants a real grant) but still shares a grant already in flight; `scopes` asks for other
 * scopes than the environment's system-user scopes (each set is its own cache entry).
 */
export async function getSystemUserTokenDetails(
  environment: Connection,
  context: SystemUserContext,
  opts: { fresh?: boolean; scopes?: readonly string[] } = {},
): Promise<Cached> {
  const scopes = opts.scopes ? [...opts.scopes].sort() : systemUserScopes(environment);
  const externalRef = context.externalRef || undefined;
  const key = systemUserCacheKey(environment, context, scopes);
  if (opts.fresh) tokenCache.delete(key);
  return tokenCache.get(key, () => grant(environment, scopes, context.orgNo, externalRef));
}

export async function getSystemUserToken(environment: Connection, context: SystemUserContext): Promise<string> {
  return (await getSystemUserTokenDetails(environment, context)).token;
}

async function grant(environment: Connection, scopes: string[], orgNo?: string, externalRef?: string): Promise<Cached> {
  const signer = await environment.signer();
  const details = orgNo ? systemUserDetails(orgNo, externalRef) : undefined;
  const issued = await requestToken(maskinportenConfig(environment), scopes, signer, details);
  noteGrant("maskinporten");
  return { token: issued.accessToken, expiresAt: issued.expiresAt, clockSkewMs: issued.clockSkewMs };
}
