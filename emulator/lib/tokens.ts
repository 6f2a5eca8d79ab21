// Tokens the emulator issues as Altinn (exchanged tokens, person tokens) and as ID-porten are signed
// with the same emulator key as its Maskinporten tokens; the issuer tells them apart.
import { randomUUID } from "node:crypto";
import { jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { Emulator } from "../context";

export const altinnIssuer = (emu: Emulator) => `${emu.publicUrl}/authentication/api/v1/openid/`;
export const idportenIssuer = (emu: Emulator) => `${emu.publicUrl}/idporten/`;

/** Altinn and the exchange endpoint allow 10 s of clock skew when checking expiry (CONTRACT §2). */
const CLOCK_SKEW_S = 10;

/** An Altinn platform token (what /exchange returns): 30 minutes, new sid, Altinn as issuer. */
export async function signAltinnToken(emu: Emulator, claims: JWTPayload, lifetimeS = 30 * 60): Promise<string> {
  const now = Math.floor(emu.now().getTime() / 1000);
  return new SignJWT({ ...claims, sid: randomUUID() })
    .setProtectedHeader({ alg: "RS256", kid: emu.store.signing.kid, typ: "JWT" })
    .setIssuer(altinnIssuer(emu))
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + lifetimeS)
    .sign(emu.store.signing.privateKey);
}

/** An ID-porten token (id_token or access_token); the caller supplies aud and the person claims. */
export async function signIdportenToken(emu: Emulator, claims: JWTPayload, lifetimeS: number): Promise<string> {
  const now = Math.floor(emu.now().getTime() / 1000);
  return new SignJWT({ ...claims, jti: randomUUID() })
    .setProtectedHeader({ alg: "RS256", kid: emu.store.signing.kid, typ: "JWT" })
    .setIssuer(idportenIssuer(emu))
    .setIssuedAt(now)
    .setExpirationTime(now + lifetimeS)
    .sign(emu.store.signing.privateKey);
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1] ?? null;
}

/**
 * Verifies a token signed by the emulator key with one of the given issuers, against the emulated
 * clock. Returns null for any failure: callers answer 401 without saying why, as Altinn does.
 */
export async function verifyEmulatorToken(
  emu: Emulator,
  token: string | null,
  issuers: readonly string[],
): Promise<JWTPayload | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, emu.store.signing.publicKey, {
      issuer: [...issuers],
      algorithms: ["RS256"],
      clockTolerance: CLOCK_SKEW_S,
      currentDate: emu.now(),
    });
    return payload;
  } catch {
    return null;
  }
}

/** Vendor org number from a Maskinporten `consumer` claim (`0192:` stripped), or null if malformed. */
export function orgFromConsumer(consumer: unknown): string | null {
  if (typeof consumer !== "object" || consumer === null) return null;
  const authority: unknown = Reflect.get(consumer, "authority");
  const id: unknown = Reflect.get(consumer, "ID");
  if (authority !== "iso6523-actorid-upis" || typeof id !== "string" || !id.startsWith("0192:")) return null;
  const orgNo = id.slice("0192:".length);
  return orgNo.length > 0 ? orgNo : null;
}

export function scopeSet(payload: JWTPayload): Set<string> {
  return new Set(typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : []);
}
