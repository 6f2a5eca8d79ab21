import "server-only";
import { hkdfSync } from "node:crypto";
import { errors, EncryptJWT, jwtDecrypt, jwtVerify } from "jose";
import { z } from "zod";

// Signed onboarding links: an encrypted JWT (JWE, dir + A256GCM, jose) naming only the link row and its
// generation. Whoever holds a link (a forwarded e-mail, a proxy log) reads nothing from it: no org number,
// system or environment; the row says those (ADR 018). The key is derived from NEXTAUTH_SECRET for this one
// purpose, so there is no new secret to manage and the session secret is never used as-is. A256GCM
// authenticates as well as hides, so a changed token fails like a forged one.

const AUDIENCE = "onboarding-link";
const claims = z.object({ lid: z.uuid(), gen: z.number().int().positive() });
export type LinkClaims = z.infer<typeof claims>;

const derive = (secret: string, info: string) =>
  new Uint8Array(hkdfSync("sha256", secret, "systembruker-portal", info, 32));

export type LinkKeys = { encryption: Uint8Array; legacy: Uint8Array };

export function linkKeys(secret: string): LinkKeys {
  return { encryption: derive(secret, "onboarding-link-v2"), legacy: derive(secret, "onboarding-link-v1") };
}

export async function sealLinkToken(c: LinkClaims, keys: LinkKeys, expiresAt: Date): Promise<string> {
  return new EncryptJWT({ lid: c.lid, gen: c.gen })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .encrypt(keys.encryption);
}

/** The claims of a genuine, unexpired token; null for anything else (tampered, expired, garbage). */
export async function openLinkToken(token: string, keys: LinkKeys, now = new Date()): Promise<LinkClaims | null> {
  if (token.length > 2048) return null;
  try {
    const { payload } =
      token.split(".").length === 5
        ? await jwtDecrypt(token, keys.encryption, {
            keyManagementAlgorithms: ["dir"],
            contentEncryptionAlgorithms: ["A256GCM"],
            audience: AUDIENCE,
            currentDate: now,
          })
        : // Links signed before tokens were encrypted (HS256, claims readable) keep working until they
          // expire, at most 7 days after the upgrade; only their row id and generation count. Drop it then.
          await jwtVerify(token, keys.legacy, { algorithms: ["HS256"], audience: AUDIENCE, currentDate: now });
    const parsed = claims.safeParse(payload);
    return parsed.success ? { lid: parsed.data.lid, gen: parsed.data.gen } : null;
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
