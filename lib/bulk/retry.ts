import { AppError } from "@/lib/core/errors";
import { retryInfo } from "@/lib/integrations/altinn/problems";

/** After this many tries a row fails for good (about 1.5 hours of back-off at the 60 s cap). */
export const MAX_ATTEMPTS = 100;
const BASE_MS = 1_000;
const CAP_MS = 60_000;

/** Exponential back-off with ±20 % jitter, so a job's rows do not all knock again at the same instant. */
export function backoffMs(attempts: number, random = Math.random): number {
  const plain = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * Altinn (or Maskinporten) being down, slow or rate-limiting is worth waiting for; an answer about the
 * customer (not in the Entity Register, already connected, …) is not. Retry-After wins when given.
 */
export function decideRetry(err: unknown, attempts: number, random = Math.random): RetryDecision {
  if (attempts >= MAX_ATTEMPTS) return { retry: false };
  const { httpStatus, retryAfterMs } = retryInfo(err);
  const transient =
    !(err instanceof AppError) ||
    err.status >= 500 ||
    err.status === 429 ||
    httpStatus === 429 ||
    (httpStatus ?? 0) >= 500;
  if (!transient) return { retry: false };
  return { retry: true, delayMs: retryAfterMs ?? backoffMs(attempts, random) };
}
