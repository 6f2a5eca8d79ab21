// A per-process TTL cache with single-flight. Each portal process holds its own; that costs at most
// one grant per process per token, which Maskinporten allows, and needs no shared store.
export type Cached = { token: string; expiresAt: number; clockSkewMs?: number };

/** Refresh this long before expiry, so a token handed out is never about to lapse mid-call. */
export const REFRESH_MARGIN_MS = 60_000;

export type SystemUserContext = { orgNo: string; externalRef?: string };

/**
 * Environment first, so clearing one environment is a prefix match. Scopes are sorted (order does not
 * change the token); the system-user part is absent for plain client tokens.
 */
export function tokenCacheKey(environmentId: string, scopes: readonly string[], context?: SystemUserContext): string {
  const base = `${environmentId}|${[...scopes].sort().join(" ")}`;
  return context ? `${base}|su:${context.orgNo}:${context.externalRef ?? ""}` : base;
}

/** What get() decided: a cached value, the fetch already in flight, or a new fetch (metrics count them). */
export type CacheOutcome = "hit" | "shared" | "miss";

export class SingleFlightCache {
  private readonly entries = new Map<string, Cached & { refreshAt: number }>();
  private readonly inflight = new Map<string, Promise<Cached>>();

  constructor(
    private readonly marginMs = REFRESH_MARGIN_MS,
    private readonly observe: (outcome: CacheOutcome, key: string) => void = () => {},
  ) {}

  /** A cached value that is not yet due for refresh, else the one in-flight fetch, else a new fetch. */
  get(key: string, fetch: () => Promise<Cached>): Promise<Cached> {
    const hit = this.entries.get(key);
    if (hit && hit.refreshAt > Date.now()) {
      this.observe("hit", key);
      return Promise.resolve(hit);
    }
    const pending = this.inflight.get(key);
    if (pending) {
      this.observe("shared", key);
      return pending;
    }
    this.observe("miss", key);
    const started = Date.now();
    const promise = fetch()
      .then((value) => {
        // Only the fetch still registered may fill the cache: a clear() in between wins.
        if (this.inflight.get(key) === promise) {
          // A short-lived token is refreshed at half its life rather than never being cached.
          const margin = Math.min(this.marginMs, (value.expiresAt - started) / 2);
          this.entries.set(key, { ...value, refreshAt: value.expiresAt - margin });
        }
        return value;
      })
      .finally(() => {
        if (this.inflight.get(key) === promise) this.inflight.delete(key);
      });
    this.inflight.set(key, promise);
    return promise;
  }

  /** Drops cached and in-flight entries whose key starts with `prefix` (all when omitted). */
  clear(prefix?: string): void {
    for (const map of [this.entries, this.inflight]) {
      for (const key of map.keys()) if (prefix === undefined || key.startsWith(prefix)) map.delete(key);
    }
  }

  /** Forget one key so the next get() fetches afresh (the token doctor wants a real grant). */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
