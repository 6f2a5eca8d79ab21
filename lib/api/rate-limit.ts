import "server-only";
import { consumeLimit } from "@/lib/core/limits";

export type RateDecision = { ok: boolean; headers: Record<string, string> };

/**
 * A key's calls per minute (its rateLimit), in one-minute windows counted in PostgreSQL
 * (lib/core/limits.ts), so every portal process behind a balancer shares the key's limit.
 */
export async function takeApiRequest(keyId: string, perMinute: number): Promise<RateDecision> {
  const d = await consumeLimit("api-key", { points: perMinute, durationS: 60 }, keyId);
  // draft-ietf-httpapi-ratelimit-headers (RateLimit-Policy / RateLimit) and the older three-header
  // form many client libraries still read.
  const headers: Record<string, string> = {
    "ratelimit-policy": `"default";q=${perMinute};w=60`,
    ratelimit: `"default";r=${d.remaining};t=${d.resetS}`,
    "ratelimit-limit": String(perMinute),
    "ratelimit-remaining": String(d.remaining),
    "ratelimit-reset": String(d.resetS),
  };
  if (!d.ok) headers["retry-after"] = String(d.retryAfterS);
  return { ok: d.ok, headers };
}
