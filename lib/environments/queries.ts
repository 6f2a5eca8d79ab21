import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { EnvironmentView } from "@/lib/environments/types";

export const ENV_SELECT = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  vendorOrgNo: true,
  clientId: true,
  scopes: true,
  maskinportenIssuer: true,
  maskinportenTokenUrl: true,
  altinnBaseUrl: true,
  confirmUrlHosts: true,
  digdirApiUrl: true,
  serviceOwnerTestUrl: true,
  systemUserScopes: true,
  autoRenewExpired: true,
  idportenIssuer: true,
  idportenClientId: true,
  entityRegisterUrl: true,
} as const;

export async function listEnvironments(actor: Actor | null): Promise<EnvironmentView[]> {
  assertCan(actor, "portal.read");
  return db.environment.findMany({ select: ENV_SELECT, orderBy: { createdAt: "asc" } });
}

export async function getEnvironment(actor: Actor | null, slug: string): Promise<EnvironmentView> {
  assertCan(actor, "portal.read");
  const found = await db.environment.findUnique({ where: { slug }, select: ENV_SELECT });
  if (!found) throw notFound({ nb: "miljøet", en: "Environment" });
  return found;
}

/** For server-internal use (public onboarding, callbacks): no actor, so never return it to a client as is. */
export async function loadEnvironmentById(id: string): Promise<EnvironmentView> {
  const found = isUuid(id) ? await db.environment.findUnique({ where: { id }, select: ENV_SELECT }) : null;
  if (!found) throw notFound({ nb: "miljøet", en: "Environment" });
  return found;
}

/** Server-internal (public client pages): by slug, no actor. */
export async function loadEnvironmentBySlug(slug: string): Promise<EnvironmentView> {
  const found = /^[a-z0-9][a-z0-9-]{0,39}$/.test(slug)
    ? await db.environment.findUnique({ where: { slug }, select: ENV_SELECT })
    : null;
  if (!found) throw notFound({ nb: "miljøet", en: "Environment" });
  return found;
}
