import "server-only";
import { hkdfSync } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

// Signed onboarding links: an HS256 JWT (jose) with a key derived from NEXTAUTH_SECRET for this one
// purpose, so no new secret to manage and a session secret is never used as-is for something else.
// The token names the link row and its generation; the row decides whether it is still current.

const AUDIENCE = "onboarding-link";
const claims = z.object({
  lid: z.uuid(),
  gen: z.number().int().positive(),
  env: z.string(),
  sys: z.string(),
  org: z.string().regex(/^\d{9}$/),
});
export type LinkClaims = z.infer<typeof claims>;

export function linkKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "systembruker-portal", "onboarding-link-v1", 32));
}

export async function signLinkToken(c: LinkClaims, key: Uint8Array, expiresAt: Date): Promise<string> {
  return new SignJWT(c)
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
}

/** The claims of a genuine, unexpired token; null for anything else (tampered, expired, garbage). */
export async function verifyLinkToken(token: string, key: Uint8Array, now = new Date()): Promise<LinkClaims | null> {
  if (token.length > 2048) return null;
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], audience: AUDIENCE, currentDate: now });
    const parsed = claims.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch (err) {
    if (err instanceof errors.JOSEError || err instanceof TypeError) return null;
    throw err;
  }
}

/** A regenerated link bumps the row's generation: only the newest token, before the row's expiry, is current. */
export function isCurrentLink(
  c: LinkClaims,
  row: { generation: number; expiresAt: Date } | null,
  now = new Date(),
): boolean {
  return !!row && row.generation === c.gen && row.expiresAt > now;
}
