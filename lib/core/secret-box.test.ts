import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { envelopeKeyId, keyId, open, seal, UnknownMasterKeyError } from "@/lib/core/secret-box";

const key = randomBytes(32);
const secret = JSON.stringify({ kty: "RSA", d: "very-private-exponent", note: "blåbærsyltetøy" });

/** Flips one bit in the given base64url part of a "v2.kid.iv.tag.ct" envelope. */
function flip(envelope: string, part: 2 | 3 | 4): string {
  const parts = envelope.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

/** An envelope as the portal sealed them before key ids ("v1.<iv>.<tag>.<ct>"). */
function sealV1(plaintext: string, masterKey: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", masterKey, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ct]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

describe("secret box (AES-256-GCM)", () => {
  it("round-trips text, including non-ASCII characters", () => {
    const sealed = seal(secret, key, "kid-1");
    expect(open(sealed, key, "kid-1")).toBe(secret);
  });

  it("produces a v2 envelope naming its key (first 8 hex of SHA-256) and not containing the plaintext", () => {
    const sealed = seal(secret, key, "kid-1");
    const parts = sealed.split(".");
    expect(parts).toHaveLength(5);
    expect(parts[0]).toBe("v2");
    expect(parts[1]).toBe(createHash("sha256").update(key).digest("hex").slice(0, 8));
    expect(parts[1]).toBe(keyId(key));
    expect(envelopeKeyId(sealed)).toBe(keyId(key));
    expect(Buffer.from(parts[2] ?? "", "base64url")).toHaveLength(12);
    expect(Buffer.from(parts[3] ?? "", "base64url")).toHaveLength(16);
    expect(sealed).not.toContain("very-private-exponent");
    expect(Buffer.from(parts[4] ?? "", "base64url").toString("utf8")).not.toContain("very-private-exponent");
  });

  it("uses a fresh IV every time, so equal plaintexts give different envelopes", () => {
    expect(seal(secret, key, "kid-1")).not.toBe(seal(secret, key, "kid-1"));
  });

  it("refuses to open with other additional data (a blob moved to another row)", () => {
    const sealed = seal(secret, key, "kid-1");
    expect(() => open(sealed, key, "kid-2")).toThrow();
    expect(() => open(sealed, key, "")).toThrow();
  });

  it.each([2, 3, 4] as const)("refuses an envelope whose part %i was tampered with", (part) => {
    const sealed = seal(secret, key, "kid-1");
    expect(() => open(flip(sealed, part), key, "kid-1")).toThrow();
  });

  it("picks the key by its id among several (a rotation: current and previous keys)", () => {
    const previous = randomBytes(32);
    const old = seal(secret, previous, "kid-1");
    const fresh = seal(secret, key, "kid-1");
    expect(open(old, [key, previous], "kid-1")).toBe(secret);
    expect(open(fresh, [key, previous], "kid-1")).toBe(secret);
    expect(envelopeKeyId(old)).toBe(keyId(previous));
  });

  it("fails clearly for a key it does not have: which key, and where to put it", () => {
    const other = randomBytes(32);
    const sealed = seal(secret, other, "kid-1");
    expect(() => open(sealed, [key], "kid-1")).toThrow(UnknownMasterKeyError);
    expect(() => open(sealed, [key], "kid-1")).toThrow(
      `Secret sealed under master key ${keyId(other)}, which this process does not have: add it to PORTAL_MASTER_KEYS_PREVIOUS`,
    );
    // A kid that matches but a key that does not (a forged kid) is GCM's refusal, not a silent success.
    const forged = sealed.replace(`v2.${keyId(other)}.`, `v2.${keyId(key)}.`);
    expect(() => open(forged, [key], "kid-1")).toThrow();
  });

  it("opens a v1 envelope (sealed before key ids) with the current key or a previous one", () => {
    const previous = randomBytes(32);
    expect(envelopeKeyId(sealV1(secret, key, "kid-1"))).toBe("v1");
    expect(open(sealV1(secret, key, "kid-1"), [key], "kid-1")).toBe(secret);
    expect(open(sealV1(secret, previous, "kid-1"), [key, previous], "kid-1")).toBe(secret);
    expect(() => open(sealV1(secret, previous, "kid-1"), [key], "kid-1")).toThrow();
    expect(() => open(sealV1(secret, key, "kid-1"), [key], "kid-2")).toThrow();
  });

  it("refuses unknown versions and malformed envelopes", () => {
    const [, kid, iv, tag, ct] = seal(secret, key, "kid-1").split(".");
    expect(() => open(`v3.${kid}.${iv}.${tag}.${ct}`, key, "kid-1")).toThrow("Unsupported secret envelope");
    expect(() => open(`v2.${kid}.${iv}.${tag}`, key, "kid-1")).toThrow("Unsupported secret envelope");
    expect(() => open(`v1.${iv}.${tag}`, key, "kid-1")).toThrow("Unsupported secret envelope");
    expect(() => open("", key, "kid-1")).toThrow("Unsupported secret envelope");
    expect(() => envelopeKeyId("v2.nothex!.a.b.c")).toThrow("Unsupported secret envelope");
  });
});
