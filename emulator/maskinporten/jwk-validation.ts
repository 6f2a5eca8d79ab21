// Validates public keys pasted into self-service or sent to the admin API (CONTRACT §1.7).
import { createPublicKey } from "node:crypto";
import type { MaskinportenClient, PublicRsaJwk } from "../state/schema";

export type JwkResult = { ok: true; keys: PublicRsaJwk[] } | { ok: false; message: string };

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
const ALGS = new Set(["RS256", "RS384", "RS512"]);

function str(obj: object, key: string): string | undefined {
  const value: unknown = Reflect.get(obj, key);
  return typeof value === "string" ? value : undefined;
}

function checkOne(input: unknown): PublicRsaJwk | string {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return "Nøkkelen må være et JSON-objekt (JWK). / The key must be a JSON object (JWK).";
  if (PRIVATE_MEMBERS.some((m) => m in input)) {
    return "Dette er en privat nøkkel. Lim inn bare den offentlige nøkkelen. / This is a private key; paste the public key only.";
  }
  if (str(input, "kty") !== "RSA") return "Bare RSA-nøkler støttes (kty RSA). / Only RSA keys are supported.";
  const kid = str(input, "kid")?.trim();
  if (!kid) return "Nøkkelen mangler kid. / The key has no kid.";
  const n = str(input, "n");
  const e = str(input, "e");
  if (!n || !e) return `Nøkkelen ${kid} mangler n eller e. / Key ${kid} lacks n or e.`;
  const alg = str(input, "alg");
  if (alg !== undefined && !ALGS.has(alg)) return `alg må være RS256, RS384 eller RS512. / Unsupported alg ${alg}.`;
  const use = str(input, "use");
  if (use !== undefined && use !== "sig") return "use må være sig. / use must be sig.";
  let bits: number | undefined;
  try {
    bits = createPublicKey({ key: { kty: "RSA", n, e }, format: "jwk" }).asymmetricKeyDetails?.modulusLength;
  } catch {
    return `Nøkkelen ${kid} er ikke en gyldig RSA-nøkkel. / Key ${kid} is not a valid RSA key.`;
  }
  if (bits === undefined || bits < 2048)
    return `Nøkkelen ${kid} er kortere enn 2048 bit. / Key ${kid} is shorter than 2048 bits.`;
  const key: PublicRsaJwk = { kty: "RSA", kid, n, e };
  if (alg) key.alg = alg;
  if (use) key.use = use;
  // Not a JWK member: the emulator's way to give a registered key an expiry (MP-121).
  const expiresAt: unknown = Reflect.get(input, "expiresAt");
  if (expiresAt !== undefined && expiresAt !== null && expiresAt !== "") {
    if (typeof expiresAt !== "string" || Number.isNaN(Date.parse(expiresAt))) {
      return `expiresAt for ${kid} må være et ISO 8601-tidspunkt. / expiresAt must be an ISO 8601 date-time.`;
    }
    key.expiresAt = new Date(Date.parse(expiresAt)).toISOString();
  }
  return key;
}

/**
 * Accepts a single JWK or a JWKS. `replaceOwn` lets the admin API re-send a kid the same client
 * already has (merge by kid); self-service treats that as a duplicate like any other.
 */
export function validatePublicJwks(
  input: unknown,
  clients: readonly MaskinportenClient[],
  clientId: string,
  replaceOwn: boolean,
): JwkResult {
  const list: unknown =
    typeof input === "object" && input !== null && "keys" in input ? Reflect.get(input, "keys") : [input];
  if (!Array.isArray(list) || list.length === 0) return { ok: false, message: "Fant ingen nøkler. / No keys found." };
  const keys: PublicRsaJwk[] = [];
  for (const item of list) {
    const checked = checkOne(item);
    if (typeof checked === "string") return { ok: false, message: checked };
    if (keys.some((k) => k.kid === checked.kid))
      return { ok: false, message: `kid ${checked.kid} er oppgitt flere ganger. / Duplicate kid ${checked.kid}.` };
    // kid must be unique across all Maskinporten customers (CONTRACT §1.7).
    const owner = clients.find((c) => c.keys.some((k) => k.kid === checked.kid));
    if (owner && !(replaceOwn && owner.clientId === clientId)) {
      return {
        ok: false,
        message: `kid ${checked.kid} er allerede i bruk. / kid ${checked.kid} is already registered (kid must be unique across all clients).`,
      };
    }
    keys.push(checked);
  }
  return { ok: true, keys };
}
