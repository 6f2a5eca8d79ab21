import "server-only";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { open, seal } from "@/lib/crypto/secret-box";
import { recordAudit } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { parsePrivateRsaKey } from "@/lib/crypto/key-import";
import { loadEnvironmentById } from "@/lib/dal/environments";
import type { Signer } from "@/lib/maskinporten/client";

const KEY_LIFETIME_DAYS = 365; // Digdir keys live one year.
const masterKey = () => Buffer.from(env().PORTAL_MASTER_KEY, "base64");

export type PublicJwk = { kty: "RSA"; n: string; e: string; kid: string; alg: "RS256"; use: "sig" };

export async function generateSigningKey(actor: Actor | null, environmentId: string) {
  assertCan(actor, "keys.manage");
  const environment = await loadEnvironmentById(environmentId);
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  return storeKey(actor, environment, newKid(environment.slug), await exportJWK(privateKey), "key.generate");
}

/** An existing key (PKCS#8 PEM or private JWK), e.g. one already registered at Digdir. */
export async function importSigningKey(actor: Actor | null, environmentId: string, input: { key: string; kid?: string }) {
  assertCan(actor, "keys.manage");
  const environment = await loadEnvironmentById(environmentId);
  const privateJwk = await parsePrivateRsaKey(input.key);
  const kid = input.kid?.trim() || newKid(environment.slug);
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(kid)) {
    throw new AppError("kid_invalid", { nb: "Nøkkel-ID-en kan bare ha bokstaver, tall og . _ : -", en: "The key id may only contain letters, digits and . _ : -" });
  }
  if (await db.signingKey.findUnique({ where: { kid }, select: { id: true } })) {
    throw new AppError("kid_exists", { nb: `Nøkkel-ID-en ${kid} finnes allerede.`, en: `The key id ${kid} already exists.` }, 409);
  }
  return storeKey(actor, environment, kid, privateJwk, "key.import");
}

// kid must be unique across all Maskinporten customers, so it carries randomness, not just a date.
function newKid(slug: string): string {
  const date = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  return `${slug}-${date}-${randomBytes(4).toString("hex")}`;
}

async function storeKey(actor: Actor, environment: { id: string }, kid: string, privateJwk: JWK, action: string) {
  const publicJwk: PublicJwk = { kty: "RSA", n: privateJwk.n ?? "", e: privateJwk.e ?? "", kid, alg: "RS256", use: "sig" };
  const privateKeyEnc = seal(JSON.stringify(privateJwk), masterKey(), kid);
  const expiresAt = new Date(Date.now() + KEY_LIFETIME_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    // The first key signs at once (nothing to rotate away from); later keys wait as "next".
    const hasActive = await tx.signingKey.count({ where: { environmentId: environment.id, state: "active" } });
    const state = hasActive ? "next" : "active";
    const key = await tx.signingKey.create({
      data: { environmentId: environment.id, kid, alg: "RS256", publicJwk, privateKeyEnc, expiresAt, createdById: actor.id, state, activatedAt: hasActive ? null : new Date() },
      select: { id: true, kid: true },
    });
    await recordAudit({ actor: { type: "user", id: actor.id, label: actor.email }, action, target: { type: "signing_key", id: kid }, outcome: "success", environmentId: environment.id }, tx);
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
