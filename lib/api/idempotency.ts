import "server-only";
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/chain";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Kept as long as Stripe keeps them: a day covers any sane retry loop. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export type Begun =
  | { kind: "new"; id: string }
  | { kind: "replay"; status: number; body: unknown }
  | { kind: "mismatch" }
  | { kind: "in_progress" };

/** Same method, path and JSON body (key order and spacing do not matter) = the same request. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(canonicalJson([method, path, body ?? null]))
    .digest("hex");
}

function isUniqueViolation(err: unknown) {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";
}

/**
 * Claims (API key, Idempotency-Key) for this request, or says what the first request with it got.
 * The unique index decides races: of two concurrent firsts, one inserts and the other sees it in progress.
 */
export async function beginIdempotent(
  apiKeyId: string,
  key: string,
  method: string,
  path: string,
  fingerprint: string,
): Promise<Begun> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const row = await db.apiIdempotency.create({
        data: { apiKeyId, key, method, path, requestHash: fingerprint },
        select: { id: true },
      });
      if (Math.random() < 0.01) void sweepExpired();
      return { kind: "new", id: row.id };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const found = await db.apiIdempotency.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
    if (!found) continue;
    if (found.createdAt.getTime() < Date.now() - IDEMPOTENCY_TTL_MS) {
      await db.apiIdempotency.deleteMany({ where: { id: found.id, createdAt: found.createdAt } });
      continue;
    }
    if (found.requestHash !== fingerprint) return { kind: "mismatch" };
    if (found.responseStatus === null) return { kind: "in_progress" };
    return { kind: "replay", status: found.responseStatus, body: found.responseBody };
  }
  return { kind: "in_progress" };
}

/** The answer every repeat gets from now on. */
export async function completeIdempotent(id: string, status: number, body: unknown) {
  await db.apiIdempotency.update({
    where: { id },
    data: {
      responseStatus: status,
      responseBody: body === undefined || body === null ? Prisma.JsonNull : (body as Prisma.InputJsonValue),
      completedAt: new Date(),
    },
  });
}

/**
 * A request that failed on our side (5xx, a crash, Altinn down) did nothing the client must not
 * repeat: the key is released so the same retry can run again, and an outage loses nothing.
 */
export async function releaseIdempotent(id: string) {
  await db.apiIdempotency.deleteMany({ where: { id } });
}

async function sweepExpired() {
  await db.apiIdempotency
    .deleteMany({ where: { createdAt: { lt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } } })
    .catch(() => undefined);
}
