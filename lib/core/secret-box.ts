import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// AES-256-GCM envelope: "v2.<kid>.<iv>.<tag>.<ciphertext>" (base64url parts). The kid names the master
// key that sealed it (the first 8 hex of its SHA-256), so during a rotation each envelope opens with the
// right key and `npm run master-key:rotate` can tell what is still under an old one. The additional data
// binds a ciphertext to its row (e.g. the key id), so a blob copied onto another row fails to decrypt.
// "v1.<iv>.<tag>.<ciphertext>" (before key ids) still opens: with each known key in turn.

/** A master key's id: public, short, stable; it says which key, never anything about the key. */
export const keyId = (key: Buffer): string => createHash("sha256").update(key).digest("hex").slice(0, 8);

/** An envelope sealed under a key this process does not have: the message says which, and what to do. */
export class UnknownMasterKeyError extends Error {
  constructor(readonly kid: string) {
    super(
      `Secret sealed under master key ${kid}, which this process does not have: add it to PORTAL_MASTER_KEYS_PREVIOUS (docs/decisions/019-master-key-rotation.md)`,
    );
    this.name = "UnknownMasterKeyError";
  }
}

const unsupported = () => new Error("Unsupported secret envelope");

export function seal(plaintext: string, masterKey: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", masterKey, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v2", keyId(masterKey), ...[iv, tag, ct].map((p) => p.toString("base64url"))].join(".");
}

/** The id of the key an envelope is sealed under; "v1" for one from before key ids. */
export function envelopeKeyId(envelope: string): string {
  const [version, kid] = envelope.split(".");
  if (version === "v1") return "v1";
  if (version === "v2" && kid && /^[0-9a-f]{8}$/.test(kid)) return kid;
  throw unsupported();
}

function decrypt(key: Buffer, iv: string, tag: string, ct: string, aad: string): string {
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/**
 * Opens an envelope with whichever of `keys` sealed it (the current key first, then previous ones).
 * Throws UnknownMasterKeyError for a v2 envelope under none of them, and GCM's own error for tampering.
 */
export function open(envelope: string, keys: Buffer | readonly Buffer[], aad: string): string {
  const ring = Buffer.isBuffer(keys) ? [keys] : keys;
  const parts = envelope.split(".");
  if (parts[0] === "v2" && parts.length === 5) {
    const [, kid = "", iv = "", tag = "", ct = ""] = parts;
    if (!iv || !tag || !ct) throw unsupported();
    const key = ring.find((k) => keyId(k) === kid);
    if (!key) throw new UnknownMasterKeyError(kid);
    return decrypt(key, iv, tag, ct, aad);
  }
  if (parts[0] === "v1" && parts.length === 4) {
    const [, iv = "", tag = "", ct = ""] = parts;
    if (!iv || !tag || !ct) throw unsupported();
    // No kid to go by: GCM's tag tells the right key from the others.
    let failure: unknown = unsupported();
    for (const key of ring) {
      try {
        return decrypt(key, iv, tag, ct, aad);
      } catch (err) {
        failure = err;
      }
    }
    throw failure;
  }
  throw unsupported();
}
