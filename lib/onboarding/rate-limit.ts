import "server-only";
import { clientAddress } from "@/lib/core/client-address";
import { env } from "@/lib/core/env";
import { limitKeyOf } from "@/lib/core/forwarded";
import { consumeLimit, type LimitDecision } from "@/lib/core/limits";

export type PublicBucket = "start" | "link" | "callback" | "clients";

/**
 * One limit per endpoint kind (a burst of callbacks does not block starting, and vice versa), per
 * client address as the portal's server saw it, counted in PostgreSQL so every portal process shares it.
 */
export async function takePublic(headers: Headers, bucket: PublicBucket): Promise<LimitDecision> {
  const rule = { points: env().PUBLIC_RATE_LIMIT_PER_MINUTE, durationS: 60 };
  return consumeLimit(`public-${bucket}`, rule, limitKeyOf(clientAddress(headers)));
}

/** For the public routes: null when allowed, else a 429 page in both languages with Retry-After. */
export async function limitPublic(req: Request, bucket: PublicBucket): Promise<Response | null> {
  const decision = await takePublic(req.headers, bucket);
  if (decision.ok) return null;
  console.warn(`[onboarding] rate limited: ${bucket}`);
  const s = decision.retryAfterS;
  // No inline style: the Content-Security-Policy (proxy.ts) allows none without a nonce.
  const html = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>For mange forsøk / Too many attempts</title></head>
<body><main>
<h1>For mange forsøk</h1><p>Du har prøvd for mange ganger på kort tid. Vent ${s} sekunder og prøv igjen.</p>
<h2 lang="en">Too many attempts</h2><p lang="en">You have tried too many times in a short while. Wait ${s} seconds and try again.</p>
</main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": String(s), "cache-control": "no-store" },
  });
}
