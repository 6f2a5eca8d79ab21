import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * An opaque, random externalRef for a new customer (`c_` + 16 base32 characters, 80 bits). It reaches
 * Altinn and Maskinporten, so it carries no personal data and nothing guessable like the org number.
 */
export function newExternalRef(): string {
  const bytes = randomBytes(16);
  return `c_${[...bytes].map((b) => ALPHABET[b % 32]).join("")}`;
}

export const EXTERNAL_REF_PATTERN = /^c_[a-z2-7]{16}$/;
