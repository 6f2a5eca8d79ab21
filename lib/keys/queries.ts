import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";
import { WARN_DAYS, daysLeft, expiryLevel } from "@/lib/keys/expiry";
import { PublicJwk } from "@/lib/keys/types";

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

/** Keys that sign now or will (active, next), in every environment or in one, that expire within 30 days. */
export async function listExpiringKeys(actor: Actor | null, now: number = Date.now(), environmentId?: string) {
  assertCan(actor, "portal.read");
  const keys = await db.signingKey.findMany({
    where: {
      ...(environmentId ? { environmentId } : {}),
      state: { in: ["active", "next"] },
      expiresAt: { lte: new Date(now + WARN_DAYS * 86_400_000) },
    },
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
