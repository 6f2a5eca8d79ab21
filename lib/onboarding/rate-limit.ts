import "server-only";
import { env } from "@/lib/core/env";
import { clientAddress, RateLimiter, type Decision } from "@/lib/core/rate-limit";

export type PublicBucket = "start" | "link" | "callback" | "clients";

// One limiter per endpoint kind, so a burst of callbacks does not block starting, and vice versa.
const limiters = new Map<PublicBucket, RateLimiter>();

export function takePublic(headers: Headers, bucket: PublicBucket): Decision {
  const { PUBLIC_RATE_LIMIT_PER_MINUTE: perMinute, TRUST_PROXY } = env();
  let limiter = limiters.get(bucket);
  if (!limiter) {
    limiter = new RateLimiter({ capacity: perMinute, refillPerSecond: perMinute / 60 });
    limiters.set(bucket, limiter);
  }
  return limiter.take(clientAddress(headers, TRUST_PROXY));
}

/** For the public POST routes: null when allowed, else a 429 page in both languages with Retry-After. */
export function limitPublic(req: Request, bucket: PublicBucket): Response | null {
  const decision = takePublic(req.headers, bucket);
  if (decision.ok) return null;
  console.warn(`[onboarding] rate limited: ${bucket}`);
  const s = decision.retryAfterS;
  const html = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>For mange forsøk / Too many attempts</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#0f172a"><main>
<h1>For mange forsøk</h1><p>Du har prøvd for mange ganger på kort tid. Vent ${s} sekunder og prøv igjen.</p>
<h2 lang="en">Too many attempts</h2><p lang="en">You have tried too many times in a short while. Wait ${s} seconds and try again.</p>
</main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(s), "cache-control": "no-store" },
  });
}
