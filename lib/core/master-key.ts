import "server-only";
import { env } from "@/lib/core/env";
import { createHmac } from "node:crypto";
import { open, seal } from "@/lib/core/secret-box";

// Secrets the portal keeps (private keys, sessions, a job's person token) are sealed under the one
// master key; the AAD binds each envelope to what it belongs to, so one cannot be swapped for another.
const masterKey = () => Buffer.from(env().PORTAL_MASTER_KEY, "base64");

export const sealSecret = (plaintext: string, aad: string): string => seal(plaintext, masterKey(), aad);
export const openSecret = (envelope: string, aad: string): string => open(envelope, masterKey(), aad);

/**
 * A keyed digest of `value` for one purpose: stable for this installation, meaningless without the
 * master key (so it may leave the portal where the value itself must not).
 */
export const keyedDigest = (purpose: string, value: string): Buffer =>
  createHmac("sha256", masterKey()).update(`${purpose}\0${value}`).digest();
