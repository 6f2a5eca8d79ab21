import { RateLimiter } from "@/lib/core/rate-limit";

// One bucket per key, holding a minute's worth of requests (the key's rateLimit) and refilling
// evenly over the minute. In-process like the onboarding limits (lib/core/rate-limit.ts): N portal
// processes behind a balancer allow up to N times the rate; see ADR 013.
const g = globalThis as unknown as { apiLimiters?: Map<number, RateLimiter> };
const limiters = (g.apiLimiters ??= new Map());

export type RateDecision = { ok: boolean; headers: Record<string, string> };

export function takeApiRequest(keyId: string, perMinute: number): RateDecision {
  let limiter = limiters.get(perMinute);
  if (!limiter) {
    limiter = new RateLimiter({ capacity: perMinute, refillPerSecond: perMinute / 60 });
    limiters.set(perMinute, limiter);
  }
  const d = limiter.take(keyId);
  const remaining = d.ok ? d.remaining : 0;
  const reset = d.ok ? Math.ceil(((perMinute - remaining) / perMinute) * 60) : d.retryAfterS;
  // draft-ietf-httpapi-ratelimit-headers (RateLimit-Policy / RateLimit) and the older three-header
  // form many client libraries still read.
  const headers: Record<string, string> = {
    "ratelimit-policy": `"default";q=${perMinute};w=60`,
    ratelimit: `"default";r=${remaining};t=${reset}`,
    "ratelimit-limit": String(perMinute),
    "ratelimit-remaining": String(remaining),
    "ratelimit-reset": String(reset),
  };
  if (!d.ok) headers["retry-after"] = String(d.retryAfterS);
  return { ok: d.ok, headers };
}
