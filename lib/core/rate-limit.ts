// Token buckets for the public onboarding endpoints. In-process on purpose: no database write per
// anonymous request (the thing being limited), no new table to clean up. The cost: each portal process
// keeps its own buckets, so N processes allow N times the rate, and a restart forgets them. Good enough
// to stop enumeration and floods towards Altinn; a shared store belongs in front (proxy/WAF) if needed.

export type BucketOptions = { capacity: number; refillPerSecond: number; maxKeys?: number };
export type Decision = { ok: true; remaining: number } | { ok: false; retryAfterS: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly opts: BucketOptions,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): Decision {
    const now = this.now();
    const { capacity, refillPerSecond } = this.opts;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    const tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / refillPerSecond)) };
    }
    // Re-insert so Map order is least-recently-used first, which is what the pruning below drops.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    this.prune();
    return { ok: true, remaining: Math.floor(tokens - 1) };
  }

  private prune() {
    const max = this.opts.maxKeys ?? 10_000;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= max) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * The client address to key on. X-Forwarded-For can be sent by anyone (and Next fills it from the
 * socket only when it is absent), so its first hop counts only behind a proxy we trust to set it.
 * Otherwise one shared key: a global limit, which still protects Altinn and stops enumeration.
 */
export function clientAddress(headers: Headers, trustProxy: boolean): string {
  if (!trustProxy) return "shared";
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first && first.length <= 64 ? first : "shared";
}
