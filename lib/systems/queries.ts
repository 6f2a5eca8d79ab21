import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";

const SYSTEM_SELECT = {
  id: true,
  environmentId: true,
  systemId: true,
  name: true,
  description: true,
  accessPackages: true,
  clientIds: true,
  redirectUrls: true,
  isVisible: true,
  openOnboarding: true,
  altinnInternalId: true,
  createdAt: true,
  rights: true,
  deletedAt: true,
  syncedAt: true,
  updatedAt: true,
} as const;

type Text3 = { nb: string; nn: string; en: string };

const view = <T extends { name: unknown; description: unknown }>(s: T) => ({
  ...s,
  name: s.name as Text3,
  description: s.description as Text3,
});

export async function listSystems(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const rows = await db.system.findMany({
    where: { environmentId },
    select: SYSTEM_SELECT,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(view);
}

/**
 * A system of the scope's environment, by our id or by Altinn's (`{vendorOrgNo}_{name}`, what a vendor's
 * own code knows it by); one of another environment is simply not found.
 */
export async function getSystem({ actor, environment }: Scope, id: string) {
  assertCan(actor, "portal.read");
  const row = await db.system.findFirst({
    where: { environmentId: environment.id, ...(isUuid(id) ? { id } : { systemId: id }) },
    select: SYSTEM_SELECT,
  });
  if (!row) throw notFound({ nb: "systemet", en: "System" });
  return view(row);
}

/**
 * One page of the environment's systems, newest first, keyset-paginated on (createdAt, id): the page
 * after `after` costs the same however deep it is, and systems added meanwhile do not shift it.
 */
export async function listSystemPage(
  { actor, environment }: Scope,
  page: { after: { createdAt: Date; id: string } | null; limit: number },
) {
  assertCan(actor, "portal.read");
  const a = page.after;
  const rows = await db.system.findMany({
    where: {
      environmentId: environment.id,
      ...(a ? { OR: [{ createdAt: { lt: a.createdAt } }, { createdAt: a.createdAt, id: { lt: a.id } }] } : {}),
    },
    select: SYSTEM_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
  });
  return { rows: rows.slice(0, page.limit).map(view), hasMore: rows.length > page.limit };
}

/** Client id → the system holding it, among the environment's systems Altinn has not deleted (for hints). */
export async function clientIdOwners(scope: Scope): Promise<Record<string, string>> {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const rows = await db.system.findMany({
    where: { environmentId, deletedAt: null },
    select: { systemId: true, clientIds: true },
  });
  return Object.fromEntries(rows.flatMap((r) => r.clientIds.map((c) => [c.toLowerCase(), r.systemId] as const)));
}

const PUBLIC_SELECT = {
  id: true,
  systemId: true,
  name: true,
  description: true,
  accessPackages: true,
  environmentId: true,
} as const;
// Registered in Altinn and not deleted there: a system a customer can be onboarded to.
const onboards = { altinnInternalId: { not: null }, deletedAt: null } as const;

/**
 * Public onboarding's system, by environment slug and Altinn id; exposes names only. Only one whose open
 * page an admin turned on: closed, unknown and deleted systems are all simply not found, so the page
 * cannot tell which systems exist (ADR 018). Deleted systems onboard no one.
 */
export async function findOpenSystem(envSlug: string, systemId: string) {
  const row = await db.system.findFirst({
    where: { systemId, environment: { slug: envSlug }, openOnboarding: true, ...onboards },
    select: PUBLIC_SELECT,
  });
  return row ? view(row) : null;
}

/** A system by our id, for a customer's own way in (signed link, restart), whatever its open page says. */
export async function findPublicSystemById(id: string) {
  const row = await db.system.findFirst({ where: { id, ...onboards }, select: PUBLIC_SELECT });
  return row ? view(row) : null;
}

export type PublicSystem = NonNullable<Awaited<ReturnType<typeof findPublicSystemById>>>;
