import { compactVerify, importJWK, type JWK } from "jose";
import { z } from "zod";

// What a checkpoint says and how it is checked: shared by the portal and the offline verifier
// (scripts/audit-verify.ts), so nothing here needs the database or server-only code. ADR 020.

export const CHECKPOINT_ALG = "EdDSA";
export const CHECKPOINT_TYP = "audit-checkpoint+jws";

export const CheckpointPayload = z.object({
  v: z.literal(1),
  chain: z.string().min(1),
  /** Decimal strings: chain positions outgrow what JSON numbers carry exactly. */
  chainSeq: z.string().regex(/^\d+$/),
  seq: z.string().regex(/^\d+$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  eventAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type CheckpointPayload = z.infer<typeof CheckpointPayload>;

export const PublicJwk = z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().min(1) }).loose();

/** The checkpoint a JWS carries when `publicJwk` signed it; null when it did not (or it is malformed). */
export async function openCheckpoint(jws: string, publicJwk: JWK): Promise<CheckpointPayload | null> {
  try {
    const key = await importJWK({ ...publicJwk, d: undefined }, CHECKPOINT_ALG);
    const { payload, protectedHeader } = await compactVerify(jws, key, { algorithms: [CHECKPOINT_ALG] });
    if (protectedHeader.typ !== CHECKPOINT_TYP) return null;
    const parsed = CheckpointPayload.safeParse(JSON.parse(new TextDecoder().decode(payload)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
