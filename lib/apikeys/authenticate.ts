import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isApiScope } from "@/lib/auth/api-scopes";
import { db } from "@/lib/core/db";
import type { EnvironmentView } from "@/lib/environments/types";
import { ENV_SELECT } from "@/lib/environments/queries";
import { hashApiKey, looksLikeApiKey } from "@/lib/apikeys/secret";
import { auditKeyUse } from "@/lib/apikeys/use";

export type KeyRefusal = "missing" | "unknown" | "revoked" | "expired";
export type Authenticated = {
  actor: Actor & { apiKey: NonNullable<Actor["apiKey"]> };
  environment: EnvironmentView;
  rateLimit: number;
};

// "Last used" is for people ("is this key still in use?"), not an access log: one write a minute per
// key keeps a busy integration from turning every read into a write.
const LAST_USED_EVERY_MS = 60_000;
const g = globalThis as unknown as { apiKeyTouched?: Map<string, number> };
const touched = (g.apiKeyTouched ??= new Map());

/**
 * Resolves `Authorization: Bearer sbp_…` to the key's actor and its one environment. The actor carries
 * the key's scopes; the data layer checks them like a person's role.
 */
export async function authenticateApiKey(authorization: string | null): Promise<Authenticated | KeyRefusal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match) return "missing";
  const secret = match[1]!;
  if (!looksLikeApiKey(secret)) return "unknown";
  const key = await db.apiKey.findUnique({ where: { secretHash: hashApiKey(secret) } });
  if (!key) return "unknown";
  if (key.revokedAt) {
    await auditKeyUse(key, { outcome: "failure", reason: "revoked" });
    return "revoked";
  }
  if (key.expiresAt && key.expiresAt <= new Date()) {
    await auditKeyUse(key, { outcome: "failure", reason: "expired" });
    return "expired";
  }
  const environment = await db.environment.findUnique({ where: { id: key.environmentId }, select: ENV_SELECT });
  if (!environment) return "unknown";
  await touch(key.id);
  await auditKeyUse(key, { outcome: "success" });
  const identity = {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    environmentId: key.environmentId,
    scopes: key.scopes.filter(isApiScope),
  };
  return {
    actor: {
      id: key.id,
      email: `${key.prefix}…`,
      name: key.name,
      // Never consulted for a key (actorCan goes by scopes); the least role, should anything slip through.
      role: "auditor",
      mustChangePassword: false,
      apiKey: identity,
    },
    environment,
    rateLimit: key.rateLimit,
  };
}

async function touch(id: string) {
  const now = Date.now();
  if (now - (touched.get(id) ?? 0) < LAST_USED_EVERY_MS) return;
  touched.set(id, now);
  await db.apiKey.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_EVERY_MS) } }] },
    data: { lastUsedAt: new Date(now) },
  });
}
