import "server-only";
import type { JWK } from "jose";
import { openSecret, sealSecret } from "@/lib/core/master-key";

/**
 * Where private keys live. Today: sealed in the database under PORTAL_MASTER_KEY. A key vault
 * (Azure Key Vault, HSM) would implement the same two methods, storing a reference instead of the
 * sealed key, so nothing else in the portal changes.
 */
export type KeyStore = {
  /** Returns what the signing_keys row stores for the key (never the key in clear). */
  put(kid: string, privateJwk: JWK): Promise<string>;
  get(kid: string, stored: string): Promise<JWK>;
};

export const databaseKeyStore: KeyStore = {
  // The kid is the additional data: a sealed key copied onto another row fails to open.
  put: async (kid, privateJwk) => sealSecret(JSON.stringify(privateJwk), kid),
  get: async (kid, stored) => JSON.parse(openSecret(stored, kid)) as JWK,
};

export const keyStore = (): KeyStore => databaseKeyStore;
