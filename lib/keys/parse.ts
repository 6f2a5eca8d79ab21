import "server-only";
import { exportJWK, importJWK, importPKCS8, type JWK } from "jose";
import { AppError } from "@/lib/core/errors";

const MIN_BITS = 2048;
const bad = (nb: string, en: string) => new AppError("key_import_invalid", { nb, en });

/** An RSA private key from PKCS#8 PEM or a private JWK, checked before anything is stored. */
export async function parsePrivateRsaKey(input: string): Promise<JWK> {
  const text = input.trim();
  let jwk: JWK;
  if (text.startsWith("-----BEGIN")) {
    if (!text.startsWith("-----BEGIN PRIVATE KEY-----")) {
      throw bad(
        "Lim inn en privat nøkkel i PKCS#8-format (-----BEGIN PRIVATE KEY-----), ikke en offentlig nøkkel eller et sertifikat.",
        "Paste a private key in PKCS#8 format (-----BEGIN PRIVATE KEY-----), not a public key or a certificate.",
      );
    }
    try {
      jwk = await exportJWK(await importPKCS8(text, "RS256", { extractable: true }));
    } catch {
      throw bad("PEM-en kunne ikke leses som en RSA-nøkkel.", "The PEM could not be read as an RSA key.");
    }
  } else {
    try {
      jwk = JSON.parse(text) as JWK;
    } catch {
      throw bad("Teksten er verken PEM eller JSON (JWK).", "The text is neither PEM nor JSON (JWK).");
    }
  }
  if (jwk.kty !== "RSA")
    throw bad("Maskinporten tar bare RSA-nøkler (RS256).", "Maskinporten takes RSA keys only (RS256).");
  if (!jwk.d || !jwk.p || !jwk.q) {
    throw bad(
      "Dette er bare den offentlige delen. Portalen trenger den private nøkkelen for å signere.",
      "This is only the public part. The portal needs the private key to sign.",
    );
  }
  const bits =
    Buffer.from(jwk.n ?? "", "base64url")
      .toString("hex")
      .replace(/^(00)+/, "").length * 4;
  if (bits < MIN_BITS)
    throw bad(
      `Nøkkelen er for svak (${bits} bit); minst ${MIN_BITS} kreves.`,
      `The key is too weak (${bits} bits); at least ${MIN_BITS} are required.`,
    );
  try {
    await importJWK({ ...jwk, alg: "RS256" }, "RS256");
  } catch {
    throw bad("Nøkkelen er ikke en gyldig RSA-nøkkel.", "The key is not a valid RSA key.");
  }
  return { kty: "RSA", n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi };
}
