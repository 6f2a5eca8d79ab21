import "server-only";
import { hash, verify } from "@node-rs/argon2";
import { randomBytes } from "node:crypto";
import { boundedQueue } from "@/lib/core/bounded-queue";
import { changedFields, SECRET_CHANGED } from "@/lib/core/changes";
import { AppError } from "@/lib/core/errors";

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * Each hash or verify holds 19 MiB and a libuv thread for tens of milliseconds. Two at once keep half of
 * libuv's default pool (4 threads) free for file and DNS work (outbound calls resolve names there) and
 * already use two cores; 16 more may wait (about half a second at most); a burst beyond that is refused at
 * once (sign-in answers it as RateLimited) instead of queueing requests, memory and latency without end.
 */
export const ARGON2_CONCURRENCY = 2;
export const ARGON2_MAX_WAITING = 16;

export const passwordWorkBusy = () =>
  new AppError(
    "password_busy",
    {
      nb: "Portalen har mange innlogginger akkurat nå. Prøv igjen om litt.",
      en: "The portal is handling many sign-ins right now. Try again shortly.",
    },
    503,
  );

const argon2 = boundedQueue(ARGON2_CONCURRENCY, ARGON2_MAX_WAITING, passwordWorkBusy);

/** How busy the argon2 slots are (for tests and diagnostics). */
export const argon2Load = () => ({ active: argon2.active, waiting: argon2.waiting });

export function hashPassword(password: string): Promise<string> {
  return argon2.run(() => hash(password, OPTIONS));
}

/** False for a wrong password or a malformed hash; throws passwordWorkBusy() when the queue is full. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  return argon2.run(async () => {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  });
}

/** A one-time password people can type: 4 groups of 5 base32 characters. */
export function generateOneTimePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join("");
  return (chars.match(/.{5}/g) ?? []).join("-");
}

/** A one-time password signs in for this long after it is issued (first start, user:create, an admin's reset). */
export const ONE_TIME_PASSWORD_TTL_MS = 24 * 60 * 60 * 1000;
export const oneTimePasswordExpiry = (now = new Date()) => new Date(now.getTime() + ONE_TIME_PASSWORD_TTL_MS);

type PasswordState = { mustChangePassword: boolean; oneTimePasswordExpiresAt: Date | null };

/** A password change as audited: the password only as "changed", beside the state fields that moved. */
export function passwordChange(before: PasswordState, after: PasswordState) {
  const changes = changedFields(before, after);
  return {
    before: changes?.before ?? {},
    after: { password: SECRET_CHANGED, ...changes?.after },
  };
}
