import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, seal } from "@/lib/core/secret-box";

const key = randomBytes(32);
const secret = JSON.stringify({ kty: "RSA", d: "very-private-exponent", note: "blåbærsyltetøy" });

/** Flips one bit in the given base64url part of a "v1.iv.tag.ct" envelope. */
function flip(envelope: string, part: 1 | 2 | 3): string {
  const parts = envelope.split(".");
  const bytes = Buffer.from(parts[part] ?? "", "base64url");
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box (AES-256-GCM)", () => {
  it("round-trips text, including non-ASCII characters", () => {
    const sealed = seal(secret, key, "kid-1");
    expect(open(sealed, key, "kid-1")).toBe(secret);
  });

  it("produces a v1 envelope that does not contain the plaintext", () => {
    const sealed = seal(secret, key, "kid-1");
    const parts = sealed.split(".");
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe("v1");
    expect(Buffer.from(parts[1] ?? "", "base64url")).toHaveLength(12);
    expect(Buffer.from(parts[2] ?? "", "base64url")).toHaveLength(16);
    expect(sealed).not.toContain("very-private-exponent");
    expect(Buffer.from(parts[3] ?? "", "base64url").toString("utf8")).not.toContain("very-private-exponent");
  });

  it("uses a fresh IV every time, so equal plaintexts give different envelopes", () => {
    expect(seal(secret, key, "kid-1")).not.toBe(seal(secret, key, "kid-1"));
  });

  it("refuses to open with other additional data (a blob moved to another row)", () => {
    const sealed = seal(secret, key, "kid-1");
    expect(() => open(sealed, key, "kid-2")).toThrow();
    expect(() => open(sealed, key, "")).toThrow();
  });

  it.each([1, 2, 3] as const)("refuses an envelope whose part %i was tampered with", (part) => {
    const sealed = seal(secret, key, "kid-1");
    expect(() => open(flip(sealed, part), key, "kid-1")).toThrow();
  });

  it("refuses to open with another master key", () => {
    const sealed = seal(secret, key, "kid-1");
    expect(() => open(sealed, randomBytes(32), "kid-1")).toThrow();
  });

  it("refuses unknown versions and malformed envelopes", () => {
    const [, iv, tag, ct] = seal(secret, key, "kid-1").split(".");
    expect(() => open(`v2.${iv}.${tag}.${ct}`, key, "kid-1")).toThrow("Unsupported secret envelope");
    expect(() => open(`v1.${iv}.${tag}`, key, "kid-1")).toThrow("Unsupported secret envelope");
    expect(() => open("", key, "kid-1")).toThrow("Unsupported secret envelope");
  });
});
