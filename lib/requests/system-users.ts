import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import type { Scope } from "@/lib/environments/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SYSTEM_USER_RESOURCE_SELECT, systemUserResource } from "@/lib/requests/resource";

export type SystemUserFilter = {
  /** Our id of the system. */
  systemId?: string;
  orgNo?: string;
  /** Also those the customer has deleted in Altinn (kept for the history). */
  includeDeleted: boolean;
  after: { discoveredAt: Date; id: string } | null;
  limit: number;
};

/**
 * The environment's system users, newest first, keyset-paginated on (discoveredAt, id): what a vendor
 * needs to ask for tokens on a customer's behalf.
 */
export async function listSystemUserPage({ actor, environment }: Scope, f: SystemUserFilter) {
  assertCan(actor, "portal.read");
  const a = f.after;
  const where: Prisma.SystemUserWhereInput = {
    system: { environmentId: environment.id },
    ...(f.systemId ? { systemId: f.systemId } : {}),
    ...(f.orgNo ? { customer: { orgNo: f.orgNo } } : {}),
    ...(f.includeDeleted ? {} : { deletedAt: null }),
    ...(a
      ? { OR: [{ discoveredAt: { lt: a.discoveredAt } }, { discoveredAt: a.discoveredAt, id: { lt: a.id } }] }
      : {}),
  };
  const rows = await db.systemUser.findMany({
    where,
    select: { ...SYSTEM_USER_RESOURCE_SELECT, id: true },
    orderBy: [{ discoveredAt: "desc" }, { id: "desc" }],
    take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    rows: page.map(systemUserResource),
    hasMore: rows.length > f.limit,
    last: last ? { discoveredAt: last.discoveredAt, id: last.id } : null,
  };
}

/** One system user by Altinn's id, of the scope's environment only. */
export async function getSystemUser({ actor, environment }: Scope, altinnSystemUserId: string) {
  assertCan(actor, "portal.read");
  const row = await db.systemUser.findFirst({
    where: { altinnSystemUserId, system: { environmentId: environment.id } },
    select: SYSTEM_USER_RESOURCE_SELECT,
  });
  if (!row) throw notFound({ nb: "systembrukeren", en: "System user" });
  return systemUserResource(row);
}
