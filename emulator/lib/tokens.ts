// Tokens the emulator issues as Altinn (exchanged tokens, person tokens) are signed with the same
// emulator key as its Maskinporten tokens; the issuer tells them apart.
import { randomUUID } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import type { Emulator } from "../context";

export const altinnIssuer = (emu: Emulator) => `${emu.publicUrl}/authentication/api/v1/openid/`;
export const idportenIssuer = (emu: Emulator) => `${emu.publicUrl}/idporten/`;

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
