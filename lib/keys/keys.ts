import "server-only";
import type { Scope } from "@/lib/environments/types";
import { auditActor } from "@/lib/audit/actor";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { keyStore } from "@/lib/keys/key-store";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/core/errors";
import { parsePrivateRsaKey } from "@/lib/keys/parse";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { WARN_DAYS, daysLeft, expiryLevel } from "@/lib/keys/expiry";

const KEY_LIFETIME_DAYS = 365; // Digdir keys live one year.

export type PublicJwk = { kty: "RSA"; n: string; e: string; kid: string; alg: "RS256"; use: "sig" };

export const KEY_SIZES = [2048, 3072] as const;
export type KeyState = "next" | "active" | "retiring" | "retired";

export async function generateSigningKey(scope: Scope, options: { bits?: (typeof KEY_SIZES)[number] } = {}) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "keys.manage");
  const environment = await loadEnvironmentById(environmentId);
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: options.bits ?? 2048, extractable: true });
  return storeKey(actor, environment, newKid(environment.slug), await exportJWK(privateKey), "key.generate");
}

/**
 * An existing key (PKCS#8 PEM or private JWK), e.g. one already registered at Digdir. `expiresAt` is the
 * expiry Digdir shows for the registered key; a key already past it would only ever fail (MP-121).
 */
export async function importSigningKey(scope: Scope, input: { key: string; kid?: string; expiresAt?: Date }) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "keys.manage");
  const environment = await loadEnvironmentById(environmentId);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError("key_expired", {
      nb: `Nøkkelen utløp ${input.expiresAt.toISOString().slice(0, 10)}. Maskinporten avviser utløpte nøkler (MP-121); lag en ny i stedet.`,
      en: `The key expired on ${input.expiresAt.toISOString().slice(0, 10)}. Maskinporten refuses expired keys (MP-121); generate a new one instead.`,
    });
  }
  const privateJwk = await parsePrivateRsaKey(input.key);
  const kid = input.kid?.trim() || newKid(environment.slug);
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(kid)) {
    throw new AppError("kid_invalid", {
      nb: "Nøkkel-ID-en kan bare ha bokstaver, tall og . _ : -",
      en: "The key id may only contain letters, digits and . _ : -",
    });
  }
  if (await db.signingKey.findUnique({ where: { kid }, select: { id: true } })) {
    throw new AppError(
      "kid_exists",
      { nb: `Nøkkel-ID-en ${kid} finnes allerede.`, en: `The key id ${kid} already exists.` },
      409,
    );
  }
  await refuseKnownKey(environment, privateJwk);
  return storeKey(actor, environment, kid, privateJwk, "key.import", input.expiresAt);
}

/**
 * One key pair per environment: a key already held elsewhere means it is registered on another
 * environment's client (tt02 vs production mixed up), and a key held here is a duplicate.
 */
async function refuseKnownKey(environment: { id: string }, privateJwk: JWK) {
  const all = await db.signingKey.findMany({
    select: { kid: true, publicJwk: true, environment: { select: { id: true, name: true } } },
  });
  const same = all.find((k) => (k.publicJwk as PublicJwk).n === privateJwk.n);
  if (!same) return;
  if (same.environment.id === environment.id) {
    throw new AppError(
      "key_duplicate",
      { nb: `Denne nøkkelen er allerede lagret som ${same.kid}.`, en: `This key is already stored as ${same.kid}.` },
      409,
    );
  }
  throw new AppError(
    "key_other_environment",
    {
      nb: `Denne nøkkelen hører til miljøet «${same.environment.name}» (${same.kid}). Hvert miljø må ha sin egen nøkkel; bytt miljø hvis du ville importere den der.`,
      en: `This key belongs to the environment "${same.environment.name}" (${same.kid}). Each environment needs its own key; switch environment if you meant to import it there.`,
    },
    409,
  );
}

// kid must be unique across all Maskinporten customers, so it carries randomness, not just a date.
function newKid(slug: string): string {
  const date = new Date().toISOString().slice(0, 10).replaceAll("-", "");
  return `${slug}-${date}-${randomBytes(4).toString("hex")}`;
}

async function storeKey(
  actor: Actor,
  environment: { id: string },
  kid: string,
  privateJwk: JWK,
  action: string,
  expiry?: Date,
) {
  const publicJwk: PublicJwk = {
    kty: "RSA",
    n: privateJwk.n ?? "",
    e: privateJwk.e ?? "",
    kid,
    alg: "RS256",
    use: "sig",
  };
  const privateKeyEnc = await keyStore().put(kid, privateJwk);
  const expiresAt = expiry ?? new Date(Date.now() + KEY_LIFETIME_DAYS * 86_400_000);
  return db.$transaction(async (tx) => {
    // The first key signs at once (nothing to rotate away from); later keys wait as "next".
    const hasActive = await tx.signingKey.count({ where: { environmentId: environment.id, state: "active" } });
    const state = hasActive ? "next" : "active";
    const key = await tx.signingKey.create({
      data: {
        environmentId: environment.id,
        kid,
        alg: "RS256",
        publicJwk,
        privateKeyEnc,
        expiresAt,
        createdById: actor.id,
        state,
        activatedAt: hasActive ? null : new Date(),
      },
      select: { id: true, kid: true },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action,
        target: { type: "signing_key", id: kid },
        outcome: "success",
        detail: { state, bits: bitsOf(publicJwk) },
        environmentId: environment.id,
      },
      tx,
    );
    return { ...key, state };
  });
}

export async function listKeys(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const keys = await db.signingKey.findMany({
    where: { environmentId },
    select: {
      id: true,
      kid: true,
      alg: true,
      state: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      verifiedAt: true,
      activatedAt: true,
      retiredAt: true,
      publicJwk: true,
    },
    orderBy: { createdAt: "desc" },
  });
  return keys.map((k) => ({ ...k, publicJwk: k.publicJwk as PublicJwk, bits: bitsOf(k.publicJwk as PublicJwk) }));
}
export type KeyView = Awaited<ReturnType<typeof listKeys>>[number];

export const bitsOf = (jwk: Pick<PublicJwk, "n">) =>
  Math.round((Buffer.from(jwk.n, "base64url").length * 8) / 1024) * 1024;

/** What Digdir should hold for the client: every key that signs, will sign, or signed until just now. */
export async function registrableJwks(environmentId: string): Promise<{ keys: PublicJwk[] }> {
  const keys = await db.signingKey.findMany({
    where: { environmentId, state: { in: ["next", "active", "retiring"] } },
    select: { publicJwk: true },
    orderBy: { createdAt: "asc" },
  });
  return { keys: keys.map((k) => k.publicJwk as PublicJwk) };
}

/** Keys that sign now or will (active, next), in every environment, that expire within 30 days. */
export async function listExpiringKeys(actor: Actor | null, now: number = Date.now()) {
  assertCan(actor, "portal.read");
  const keys = await db.signingKey.findMany({
    where: { state: { in: ["active", "next"] }, expiresAt: { lte: new Date(now + WARN_DAYS * 86_400_000) } },
    select: {
      id: true,
      kid: true,
      state: true,
      expiresAt: true,
      environment: { select: { slug: true, name: true, kind: true } },
    },
    orderBy: { expiresAt: "asc" },
  });
  return keys.flatMap((k) => {
    const level = expiryLevel(k.expiresAt, now);
    return level ? [{ ...k, level, daysLeft: daysLeft(k.expiresAt, now) }] : [];
  });
}
