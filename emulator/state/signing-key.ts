// The emulator's own Maskinporten signing key. It is generated once and, when a state file is used,
// persisted so that access tokens issued before a restart still verify afterwards.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from "jose";
import { privateRsaJwkSchema, type PrivateRsaJwk, type PublicRsaJwk } from "./schema";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: PublicRsaJwk;
  privateJwk: PrivateRsaJwk;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const exported = await exportJWK(privateKey);
  const kid = `emulator-${(await calculateJwkThumbprint(exported)).slice(0, 16)}`;
  return loadSigningKey(privateRsaJwkSchema.parse({ ...exported, kid, alg: "RS256", use: "sig" }));
}

export async function loadSigningKey(jwk: PrivateRsaJwk): Promise<SigningKey> {
  const publicJwk: PublicRsaJwk = { kty: "RSA", kid: jwk.kid, n: jwk.n, e: jwk.e, alg: "RS256", use: "sig" };
  const privateKey = await importJWK({ ...jwk }, "RS256");
  const publicKey = await importJWK({ ...publicJwk }, "RS256");
  if (!(privateKey instanceof CryptoKey) || !(publicKey instanceof CryptoKey)) {
    throw new Error("RSA JWK import did not yield a CryptoKey");
  }
  return { kid: jwk.kid, privateKey, publicKey, publicJwk, privateJwk: jwk };
}
