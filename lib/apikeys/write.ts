import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { auditActor } from "@/lib/audit/actor";
import { createdFields, toJson } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { EnvironmentView, Scope } from "@/lib/environments/types";
import { CreateApiKeySchema, type CreateApiKeyInput } from "@/lib/apikeys/schema";
import { hashApiKey, keyPrefix, newApiKeySecret } from "@/lib/apikeys/secret";

export type CreatedApiKey = { id: string; name: string; prefix: string; scopes: string[]; secret: string };

/** An admin creates a key in the environment they work in; the secret is returned once and never again. */
export async function createApiKey({ actor, environment }: Scope, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  assertCan(actor, "apikeys.manage");
  return insertKey(environment, input, auditActor(actor), actor.apiKey ? null : actor.id);
}

/** For the CLI (`npm run apikey:create`), which runs on the portal's own machine with its database. */
export async function createApiKeyFromCli(environment: EnvironmentView, input: CreateApiKeyInput) {
  return insertKey(environment, input, { type: "system", label: "cli" }, null);
}

async function insertKey(
  environment: EnvironmentView,
  raw: CreateApiKeyInput,
  by: AuditActor,
  createdById: string | null,
): Promise<CreatedApiKey> {
  const input = CreateApiKeySchema.parse(raw);
  const secret = newApiKeySecret(environment.kind);
  const prefix = keyPrefix(secret);
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.create({
      data: {
        environmentId: environment.id,
        name: input.name,
        prefix,
        secretHash: hashApiKey(secret),
        scopes: input.scopes,
        rateLimit: input.rateLimit,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
        createdById,
        createdByLabel: by.label,
      },
      select: { id: true, name: true, prefix: true, scopes: true, rateLimit: true, expiresAt: true },
    });
    await recordAudit(
      {
        actor: by,
        action: "apikey.create",
        target: { type: "api_key", id: key.id },
        outcome: "success",
        detail: {
          ...createdFields({
            name: key.name,
            prefix,
            scopes: key.scopes,
            rateLimit: key.rateLimit,
            expiresAt: key.expiresAt,
          }),
          expiresInDays: input.expiresInDays ?? null,
        },
        environmentId: environment.id,
      },
      tx,
    );
    return { id: key.id, name: key.name, prefix: key.prefix, scopes: key.scopes, secret };
  });
}

/** Revoking is immediate and final: the next call with the key gets 401. */
export async function revokeApiKey({ actor, environment }: Scope, id: string): Promise<void> {
  assertCan(actor, "apikeys.manage");
  const key = isUuid(id)
    ? await db.apiKey.findFirst({ where: { id, environmentId: environment.id }, select: { id: true, prefix: true } })
    : null;
  if (!key) throw notFound({ nb: "API-nøkkelen", en: "API key" });
  const by = auditActor(actor);
  const revokedAt = new Date();
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: key.id, revokedAt: null },
      data: { revokedAt, revokedByLabel: by.label },
    });
    // Revoked already (by someone else a moment ago): that revocation is the one on record.
    if (count === 0) return;
    await recordAudit(
      {
        actor: by,
        action: "apikey.revoke",
        target: { type: "api_key", id: key.id },
        outcome: "success",
        detail: { prefix: key.prefix, before: { revokedAt: null }, after: { revokedAt: toJson(revokedAt) } },
        environmentId: environment.id,
      },
      tx,
    );
  });
}
