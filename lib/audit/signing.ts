import "server-only";
import { calculateJwkThumbprint, CompactSign, importJWK, type JWK } from "jose";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { CHECKPOINT_ALG, CHECKPOINT_TYP, type CheckpointPayload } from "@/lib/audit/checkpoint-token";

// The portal's own key for audit checkpoints, kept outside the database (env or .data), so whoever can
// write the database cannot sign a rewritten history (ADR 020).

export type AuditPublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string; alg: string; use: "sig"; kid: string };
type SigningKey = { source: string; privateKey: CryptoKey | Uint8Array; publicJwk: AuditPublicJwk };
let cached: Promise<SigningKey> | undefined;

async function load(source: string): Promise<SigningKey> {
  const jwk = JSON.parse(source) as JWK;
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  const privateKey = await importJWK(jwk, CHECKPOINT_ALG);
  return {
    source,
    privateKey,
    publicJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x as string, alg: CHECKPOINT_ALG, use: "sig", kid },
  };
}

function signingKey(): Promise<SigningKey> {
  const source = env().AUDIT_SIGNING_KEY;
  if (!source)
    throw new AppError(
      "audit_key_missing",
      {
        nb: "AUDIT_SIGNING_KEY er ikke satt: revisjonsloggens sjekkpunkter kan ikke signeres.",
        en: "AUDIT_SIGNING_KEY is not set: audit checkpoints cannot be signed.",
      },
      500,
    );
  // Tests start several portals in one process, each with its own key.
  if (!cached) cached = load(source);
  return cached.then((k) => (k.source === source ? k : (cached = load(source))));
}

export async function auditPublicJwk(): Promise<AuditPublicJwk> {
  return (await signingKey()).publicJwk;
}

export async function signCheckpoint(payload: CheckpointPayload): Promise<string> {
  const key = await signingKey();
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: CHECKPOINT_ALG, typ: CHECKPOINT_TYP, kid: key.publicJwk.kid })
    .sign(key.privateKey);
}
