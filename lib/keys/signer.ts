import "server-only";
import { importJWK } from "jose";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import type { Signer } from "@/lib/integrations/connection";
import { keyStore } from "@/lib/keys/key-store";

/**
 * The environment's active key, decrypted for signing one grant. It is read per grant, so an
 * activation in any portal process takes effect in all of them. Internal: never hand it to a client.
 */
export async function loadSigner(environmentId: string): Promise<Signer> {
  const key = await db.signingKey.findFirst({
    where: { environmentId, state: "active" },
    select: { id: true, kid: true, privateKeyEnc: true, expiresAt: true },
  });
  if (!key) {
    throw new AppError(
      "no_signing_key",
      {
        nb: "Miljøet har ingen aktiv signeringsnøkkel. En administrator må lage eller aktivere en under Miljø.",
        en: "The environment has no active signing key. An admin must generate or activate one under Environment.",
      },
      409,
    );
  }
  if (key.expiresAt.getTime() <= Date.now()) {
    throw new AppError(
      "signing_key_expired",
      {
        nb: `Den aktive nøkkelen ${key.kid} utløp ${key.expiresAt.toISOString().slice(0, 10)}. Lag en ny nøkkel, registrer og aktiver den under Miljø.`,
        en: `The active key ${key.kid} expired on ${key.expiresAt.toISOString().slice(0, 10)}. Generate a new key, register and activate it under Environment.`,
      },
      409,
    );
  }
  return signerFor(key);
}

/** A specific key's signer, whatever its state: used to prove a next key is registered before it signs for real. */
export async function loadKeySigner(environmentId: string, keyId: string): Promise<Signer> {
  const key = await db.signingKey.findFirst({
    where: { id: keyId, environmentId },
    select: { id: true, kid: true, privateKeyEnc: true },
  });
  if (!key) throw new AppError("not_found", { nb: "Fant ikke nøkkelen.", en: "Key not found." }, 404);
  return signerFor(key);
}

async function signerFor(key: { id: string; kid: string; privateKeyEnc: string }): Promise<Signer> {
  const jwk = await keyStore().get(key.kid, key.privateKeyEnc);
  const cryptoKey = await importJWK(jwk, "RS256");
  if (!(cryptoKey instanceof CryptoKey)) throw new Error("Unexpected key type");
  await db.signingKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return { kid: key.kid, key: cryptoKey };
}
