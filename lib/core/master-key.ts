import "server-only";
import { env } from "@/lib/core/env";
import { createHmac } from "node:crypto";
import { keyId, open, seal } from "@/lib/core/secret-box";

// Secrets the portal keeps (private keys, webhook secrets, sessions, a job's person token) are sealed
// under the current master key; the AAD binds each envelope to what it belongs to, so one cannot be
// swapped for another. Previous keys only open (ADR 019: rotation without downtime).
const decode = (k: string) => Buffer.from(k, "base64");
const currentKey = () => decode(env().PORTAL_MASTER_KEY);

/** The current key first, then the previous ones: what this process can open. */
export const masterKeys = (): Buffer[] => [currentKey(), ...env().PORTAL_MASTER_KEYS_PREVIOUS.map(decode)];
export const currentMasterKeyId = (): string => keyId(currentKey());

export const sealSecret = (plaintext: string, aad: string): string => seal(plaintext, currentKey(), aad);
export const openSecret = (envelope: string, aad: string): string => open(envelope, masterKeys(), aad);

/**
 * A keyed digest of `value` for one purpose: stable for this installation, meaningless without the
 * digest key (so it may leave the portal where the value itself must not). The digest key never
 * rotates: an API key's hash cannot be re-computed without the key, which the portal never keeps.
 */
export const keyedDigest = (purpose: string, value: string): Buffer =>
  createHmac("sha256", decode(env().PORTAL_DIGEST_KEY ?? env().PORTAL_MASTER_KEY))
    .update(`${purpose}\0${value}`)
    .digest();
