import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * An opaque, random externalRef for a new customer (`c_` + 16 base32 characters, 80 bits). It reaches
 * Altinn and Maskinporten, so it carries no personal data and nothing guessable like the org number.
 */
export function newExternalRef(): string {
  return externalRefFromBytes(randomBytes(16));
}

/** The `c_` + 16 base32 characters form, from 16 bytes of randomness or of a keyed digest. */
export function externalRefFromBytes(bytes: Uint8Array): string {
  return `c_${[...bytes.subarray(0, 16)].map((b) => ALPHABET[b % 32]).join("")}`;
}

export const EXTERNAL_REF_PATTERN = /^c_[a-z2-7]{16}$/;
