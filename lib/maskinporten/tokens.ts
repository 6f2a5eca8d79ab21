import "server-only";
import type { EnvironmentView } from "@/lib/dal/environments";
import { loadSigner } from "@/lib/dal/keys";
import { requestToken, type IssuedToken } from "@/lib/maskinporten/client";

// Per-process cache with single-flight: concurrent callers needing the same token share one grant.
const cache = new Map<string, IssuedToken>();
const inflight = new Map<string, Promise<IssuedToken>>();
const REFRESH_MARGIN_MS = 60_000;

export function clearTokenCache(environmentId?: string) {
  for (const key of cache.keys()) if (!environmentId || key.startsWith(`${environmentId}|`)) cache.delete(key);
}

export async function getAccessToken(environment: EnvironmentView): Promise<string> {
  const scopes = [...environment.scopes].sort();
  const key = `${environment.id}|${scopes.join(" ")}`;
  const hit = cache.get(key);
  if (hit && hit.expiresAt - REFRESH_MARGIN_MS > Date.now()) return hit.accessToken;
  let pending = inflight.get(key);
  if (!pending) {
    pending = (async () => {
      const signer = await loadSigner(environment.id);
      const cfg = { issuer: environment.maskinportenIssuer, tokenUrl: environment.maskinportenTokenUrl, clientId: environment.clientId, environmentId: environment.id };
      return requestToken(cfg, scopes, signer);
    })().finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  const token = await pending;
  cache.set(key, token);
  return token.accessToken;
}
