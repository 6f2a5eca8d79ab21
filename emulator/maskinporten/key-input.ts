// Turns what a vendor pastes into self-service (a JWK, a JWKS or a PEM public key) into JWK input for
// validatePublicJwks, as Samarbeidsportalen accepts both forms (CONTRACT §1.7).
import { exportJWK, importSPKI } from "jose";

export type KeyInput = { ok: true; value: unknown } | { ok: false; message: string };

const PEM_PUBLIC = /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/;

/** `expiresAt` from a datetime-local field has no zone; the page labels it UTC, so treat it as such. */
export function normalizeExpiry(raw: string): string | undefined {
  const value = raw.trim();
  if (value === "") return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value}Z` : value;
}

export async function parseKeyInput(text: string, kid: string, expiresAt: string | undefined): Promise<KeyInput> {
  const trimmed = text.trim();
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed)) {
    return {
      ok: false,
      message:
        "Dette er en privat nøkkel. Lim inn bare den offentlige nøkkelen. / This is a private key; paste the public key only.",
    };
  }
  if (trimmed.startsWith("-----BEGIN")) {
    if (!PEM_PUBLIC.test(trimmed))
      return { ok: false, message: "PEM må være «-----BEGIN PUBLIC KEY-----». / The PEM must be a PUBLIC KEY block." };
    if (kid.trim() === "")
      return { ok: false, message: "Fyll inn kid for PEM-nøkkelen. / Enter a kid for the PEM key." };
    try {
      const key = await importSPKI(trimmed, "RS256", { extractable: true });
      return { ok: true, value: { ...(await exportJWK(key)), kid: kid.trim(), alg: "RS256", use: "sig", expiresAt } };
    } catch {
      return {
        ok: false,
        message: "Bare RSA-nøkler støttes, og PEM-teksten må være gyldig. / Only valid RSA public keys are supported.",
      };
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return {
      ok: false,
      message: "Teksten er verken gyldig JSON eller en PEM-nøkkel. / The text is neither valid JSON nor a PEM key.",
    };
  }
  if (expiresAt === undefined || typeof parsed !== "object" || parsed === null) return { ok: true, value: parsed };
  // The expiry field applies to every pasted key.
  const list: unknown = Reflect.get(parsed, "keys");
  const withExpiry = (k: unknown) => (typeof k === "object" && k !== null ? { ...k, expiresAt } : k);
  return { ok: true, value: Array.isArray(list) ? { keys: list.map(withExpiry) } : withExpiry(parsed) };
}
