import "server-only";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { open, seal } from "@/lib/crypto/secret-box";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { loadEnvironmentById } from "@/lib/dal/environments";
import type { Signer } from "@/lib/maskinporten/client";

const KEY_LIFETIME_DAYS = 365; // Digdir keys live one year.
const masterKey = () => Buffer.from(env().PORTAL_MASTER_KEY, "base64");

export type PublicJwk = { kty: "RSA"; n: string; e: string; kid: string; alg: "RS256"; use: "sig" };

export async function generateSigningKey(actor: Actor | null, environmentId: string) {
  assertCan(actor, "keys.manage");
  const environment = await loadEnvironmentById(environmentId);
  const { publicKey, privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const date = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  // kid must be unique across all Maskinporten customers, so it carries randomness, not just a date.
  const kid = `${environment.slug}-${date}-${randomBytes(4).toString("hex")}`;
  const pub = await exportJWK(publicKey);
  const publicJwk: PublicJwk = { kty: "RSA", n: pub.n ?? "", e: pub.e ?? "", kid, alg: "RS256", use: "sig" };
  const privateKeyEnc = seal(JSON.stringify(await exportJWK(privateKey)), masterKey(), kid);
  const expiresAt = new Date(Date.now() + KEY_LIFETIME_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    const key = await tx.signingKey.create({
      data: { environmentId, kid, alg: "RS256", publicJwk, privateKeyEnc, expiresAt, createdById: actor.id },
      select: { id: true, kid: true },
    });
    await recordAudit({ actor: { type: "user", id: actor.id, label: actor.email }, action: "key.generate", target: { type: "signing_key", id: kid }, outcome: "success", environmentId }, tx);
    return key;
  });
}

export async function listKeys(actor: Actor | null, environmentId: string) {
  assertCan(actor, "portal.read");
  const keys = await db.signingKey.findMany({
    where: { environmentId },
    select: { id: true, kid: true, alg: true, state: true, createdAt: true, expiresAt: true, lastUsedAt: true, publicJwk: true },
    orderBy: { createdAt: "desc" },
  });
  return keys.map((k) => ({ ...k, publicJwk: k.publicJwk as PublicJwk }));
}

/** The newest active key, decrypted for signing one grant. Internal: never hand the result to a client. */
export async function loadSigner(environmentId: string): Promise<Signer> {
  const key = await db.signingKey.findFirst({
    where: { environmentId, state: "active", expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, kid: true, privateKeyEnc: true },
  });
  if (!key) {
    throw new AppError("no_signing_key", {
      nb: "Miljøet har ingen gyldig signeringsnøkkel. En administrator må lage en under Miljøer.",
      en: "The environment has no valid signing key. An admin must generate one under Environments.",
    }, 409);
  }
  const jwk = JSON.parse(open(key.privateKeyEnc, masterKey(), key.kid)) as JWK;
  const cryptoKey = await importJWK(jwk, "RS256");
  if (!(cryptoKey instanceof CryptoKey)) throw new Error("Unexpected key type");
  await db.signingKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return { kid: key.kid, key: cryptoKey };
}
