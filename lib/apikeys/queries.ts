import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";

/** The environment's keys for the settings page: never the secret (it is not stored). */
export async function listApiKeys({ actor, environment }: Scope) {
  assertCan(actor, "apikeys.manage");
  return db.apiKey.findMany({
    where: { environmentId: environment.id },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      rateLimit: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      revokedByLabel: true,
      createdByLabel: true,
      createdAt: true,
    },
  });
}
export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
