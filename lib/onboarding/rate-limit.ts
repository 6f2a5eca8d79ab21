import "server-only";
import { clientAddress } from "@/lib/core/client-address";
import { env } from "@/lib/core/env";
import { plainPage } from "@/lib/core/plain-page";
import { limitKeyOf } from "@/lib/core/forwarded";
import { consumeLimit, type LimitDecision } from "@/lib/core/limits";
import { logger } from "@/lib/core/log";

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
  logger("onboarding").warn(`rate limited: ${bucket}`);
  const s = decision.retryAfterS;
  return plainPage(
    429,
    {
      nb: {
        title: "For mange forsøk",
        body: `Du har prøvd for mange ganger på kort tid. Vent ${s} sekunder og prøv igjen.`,
      },
      en: {
        title: "Too many attempts",
        body: `You have tried too many times in a short while. Wait ${s} seconds and try again.`,
      },
    },
    { "retry-after": String(s) },
  );
}
