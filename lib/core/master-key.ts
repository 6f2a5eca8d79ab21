import "server-only";
import { env } from "@/lib/core/env";
import { open, seal } from "@/lib/core/secret-box";

// Secrets the portal keeps (private keys, sessions, a job's person token) are sealed under the one
// master key; the AAD binds each envelope to what it belongs to, so one cannot be swapped for another.
const masterKey = () => Buffer.from(env().PORTAL_MASTER_KEY, "base64");

export const sealSecret = (plaintext: string, aad: string): string => seal(plaintext, masterKey(), aad);
export const openSecret = (envelope: string, aad: string): string => open(envelope, masterKey(), aad);
