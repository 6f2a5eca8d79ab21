import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { createdFields } from "@/lib/core/changes";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { loadEnvironmentById } from "@/lib/environments/queries";
import type { Scope } from "@/lib/environments/types";
import { keyStore } from "@/lib/keys/key-store";
import { parsePrivateRsaKey } from "@/lib/keys/parse";
import { bitsOf } from "@/lib/keys/queries";
import { KEY_SIZES, PublicJwk } from "@/lib/keys/types";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { randomBytes } from "node:crypto";

const KEY_LIFETIME_DAYS = 365; // Digdir keys live one year.

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
        detail: createdFields({ state, bits: bitsOf(publicJwk), expiresAt }),
        environmentId: environment.id,
      },
      tx,
    );
    return { ...key, state };
  });
}
