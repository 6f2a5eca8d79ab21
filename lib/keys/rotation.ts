import "server-only";
import type { Scope } from "@/lib/environments/types";
import { auditActor } from "@/lib/audit/actor";
import { connect } from "@/lib/environments/connect";
import { db } from "@/lib/core/db";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { changedFields, toJson } from "@/lib/core/changes";
import { AppError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { loadKeySigner } from "@/lib/keys/signer";
import { type KeyState, type PublicJwk } from "@/lib/keys/types";
import { addClientKey, hasDigdirApi, removeClientKey } from "@/lib/integrations/digdir/client";
import { requestToken } from "@/lib/integrations/maskinporten/client";
import { maskinportenConfig } from "@/lib/integrations/maskinporten/tokens";

// Zero-downtime rotation (CONTRACT §1.7): a key signs only after a grant signed with it has been
// accepted, and the old key stays registered ("retiring") until an admin retires it. So at every moment
// the key that signs is one Maskinporten knows.

type KeyRow = {
  id: string;
  kid: string;
  state: KeyState;
  expiresAt: Date;
  verifiedAt: Date | null;
  publicJwk: unknown;
};

async function loadKey(actor: Actor, environmentId: string, keyId: string) {
  assertCan(actor, "keys.manage");
  const environment = connect(await loadEnvironmentById(environmentId));
  const key = isUuid(keyId)
    ? await db.signingKey.findFirst({
        where: { id: keyId, environmentId },
        select: { id: true, kid: true, state: true, expiresAt: true, verifiedAt: true, publicJwk: true },
      })
    : null;
  if (!key)
    throw new AppError(
      "not_found",
      { nb: "Fant ikke nøkkelen i dette miljøet.", en: "Key not found in this environment." },
      404,
    );
  return { environment, key: key as KeyRow };
}

const audit = (
  actor: Actor,
  environmentId: string,
  action: string,
  kid: string,
  outcome: "success" | "failure",
  detail?: Record<string, unknown>,
) => ({
  actor: auditActor(actor),
  action,
  target: { type: "signing_key", id: kid },
  outcome,
  detail,
  environmentId,
});

const wrongState = (kid: string, state: string) =>
  new AppError(
    "key_state",
    {
      nb: `Nøkkelen ${kid} har status «${state}», så det steget passer ikke nå.`,
      en: `Key ${kid} is "${state}", so that step does not apply now.`,
    },
    409,
  );

/** Uploads the public key to Digdir's client admin API, then proves it with a grant. */
export async function registerKeyAtDigdir(scope: Scope, keyId: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "keys.manage");
  const { environment, key } = await loadKey(actor, environmentId, keyId);
  if (key.state === "retired") throw wrongState(key.kid, key.state);
  if (!hasDigdirApi(environment)) {
    throw new AppError(
      "digdir_api_missing",
      {
        nb: "Miljøet har ikke Digdirs API satt opp. Lim inn den offentlige nøkkelen i selvbetjeningen, og trykk så «Bekreft registrering».",
        en: 'The environment has no Digdir API configured. Paste the public key in the self-service, then press "Verify registration".',
      },
      409,
    );
  }
  try {
    await addClientKey(environment, key.publicJwk as PublicJwk);
  } catch (err) {
    if (err instanceof AppError)
      await recordAudit(audit(actor, environmentId, "key.register", key.kid, "failure", { code: err.code }));
    throw err;
  }
  await recordAudit(audit(actor, environmentId, "key.register", key.kid, "success", { via: "digdir-api" }));
  return verifySigningKey(scope, keyId);
}

/** A grant signed with this key, outside the token cache: accepted means Maskinporten knows the key. */
export async function verifySigningKey(scope: Scope, keyId: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "keys.manage");
  const { environment, key } = await loadKey(actor, environmentId, keyId);
  if (key.state === "retired") throw wrongState(key.kid, key.state);
  try {
    await requestToken(maskinportenConfig(environment), environment.scopes, await loadKeySigner(environmentId, keyId));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await recordAudit(audit(actor, environmentId, "key.verify", key.kid, "failure", { code: err.code }));
    if (err.code !== "MP-100") throw err;
    throw new AppError(
      "key_not_registered",
      {
        nb: `Maskinporten kjenner ikke nøkkelen ${key.kid} for klienten ${environment.clientId} ennå. Registrer den på denne klienten (ikke et annet miljøs klient) og prøv igjen.`,
        en: `Maskinporten does not know key ${key.kid} for client ${environment.clientId} yet. Register it on this client (not another environment's) and try again.`,
      },
      409,
    );
  }
  const verifiedAt = new Date();
  const change = changedFields({ verifiedAt: key.verifiedAt }, { verifiedAt });
  await db.$transaction(async (tx) => {
    await tx.signingKey.update({ where: { id: key.id }, data: { verifiedAt } });
    await recordAudit(audit(actor, environmentId, "key.verify", key.kid, "success", { ...change }), tx);
  });
  return { kid: key.kid, verifiedAt };
}

/** next → active; the key that signed until now becomes retiring (still registered, no longer used). */
export async function activateSigningKey(scope: Scope, keyId: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "keys.manage");
  const { key } = await loadKey(actor, environmentId, keyId);
  if (key.state !== "next") throw wrongState(key.kid, key.state);
  if (key.expiresAt.getTime() <= Date.now()) {
    throw new AppError(
      "key_expired",
      {
        nb: `Nøkkelen ${key.kid} er utløpt og kan ikke aktiveres.`,
        en: `Key ${key.kid} has expired and cannot be activated.`,
      },
      409,
    );
  }
  if (!key.verifiedAt) {
    throw new AppError(
      "key_unverified",
      {
        nb: `Nøkkelen ${key.kid} er ikke bekreftet registrert hos Maskinporten. Registrer og bekreft den først, ellers vil alle kall feile.`,
        en: `Key ${key.kid} has not been verified as registered with Maskinporten. Register and verify it first, or every call would fail.`,
      },
      409,
    );
  }
  const now = new Date();
  return db.$transaction(async (tx) => {
    // Conditional updates: two admins (or two processes) activating at once cannot both win.
    const previous = await tx.signingKey.findFirst({
      where: { environmentId, state: "active" },
      select: { id: true, kid: true },
    });
    if (previous) await tx.signingKey.update({ where: { id: previous.id }, data: { state: "retiring" } });
    const { count } = await tx.signingKey.updateMany({
      where: { id: key.id, state: "next" },
      data: { state: "active", activatedAt: now },
    });
    if (count !== 1) throw wrongState(key.kid, "?");
    // One event for the step: this key starts signing, and the key that signed until now (if any) retires.
    const detail = {
      before: { state: "next", activatedAt: null },
      after: { state: "active", activatedAt: toJson(now) },
      previous: previous ? { kid: previous.kid, before: { state: "active" }, after: { state: "retiring" } } : null,
    };
    await recordAudit(audit(actor, environmentId, "key.activate", key.kid, "success", detail), tx);
    return { kid: key.kid, previous: previous?.kid ?? null };
  });
}

/** retiring (or an unused next key) → retired, removing it from Digdir when the API is set up. */
export async function retireSigningKey(scope: Scope, keyId: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "keys.manage");
  const { environment, key } = await loadKey(actor, environmentId, keyId);
  if (key.state === "active") {
    throw new AppError(
      "key_active",
      {
        nb: `Nøkkelen ${key.kid} signerer nå. Aktiver en ny nøkkel først; da blir denne «på vei ut».`,
        en: `Key ${key.kid} is the one signing now. Activate a new key first; this one then becomes "retiring".`,
      },
      409,
    );
  }
  if (key.state === "retired") throw wrongState(key.kid, key.state);
  const removedAtDigdir = hasDigdirApi(environment);
  if (removedAtDigdir) await removeClientKey(environment, key.kid);
  const retiredAt = new Date();
  const detail = {
    before: { state: key.state, retiredAt: null },
    after: { state: "retired", retiredAt: toJson(retiredAt) },
    removedAtDigdir,
  };
  await db.$transaction(async (tx) => {
    await tx.signingKey.update({ where: { id: key.id }, data: { state: "retired", retiredAt } });
    await recordAudit(audit(actor, environmentId, "key.retire", key.kid, "success", detail), tx);
  });
  return { kid: key.kid, removedAtDigdir };
}
