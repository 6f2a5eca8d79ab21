import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { encodeRequestCursor, requestFilterSchema, type RequestFilter } from "@/lib/requests/list-schema";
import { REQUEST_RESOURCE_SELECT, requestResource } from "@/lib/requests/resource";

const LIST_SELECT = {
  id: true,
  status: true,
  kind: true,
  confirmUrl: true,
  createdAt: true,
  updatedAt: true,
  lastCheckedAt: true,
  createdVia: true,
  altinnRequestId: true,
  accessPackages: true,
  externalRef: true,
  customer: { select: { orgNo: true, name: true } },
  system: { select: { id: true, systemId: true, name: true, environmentId: true } },
  systemUser: { select: { altinnSystemUserId: true } },
} as const;

export async function listRequests(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  return db.systemUserRequest.findMany({
    where: { system: { environmentId } },
    select: LIST_SELECT,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}

/** A request of the scope's environment; one of another environment is simply not found. */
export async function getRequestView({ actor, environment }: Scope, id: string) {
  assertCan(actor, "portal.read");
  if (!isUuid(id)) throw notFound({ nb: "forespørselen", en: "Request" });
  const row = await db.systemUserRequest.findFirst({
    where: { id, system: { environmentId: environment.id } },
    select: LIST_SELECT,
  });
  if (!row) throw notFound({ nb: "forespørselen", en: "Request" });
  return row;
}

export const REQUEST_PAGE_SIZE = 50;

const SELECT = {
  id: true,
  status: true,
  kind: true,
  createdAt: true,
  customer: { select: { id: true, orgNo: true, name: true } },
  system: { select: { systemId: true, name: true } },
} as const satisfies Prisma.SystemUserRequestSelect;

function where(
  environmentId: string,
  f: RequestFilter & { systemId?: string },
  customerIds: string[] | null,
): Prisma.SystemUserRequestWhereInput {
  const c = f.cursor;
  return {
    system: { environmentId },
    ...(f.systemId ? { systemId: f.systemId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(customerIds ? { customerId: { in: customerIds } } : f.q ? { customer: { orgNo: { startsWith: f.q } } } : {}),
    // (createdAt, id) < cursor, written so the planner can bound the index scan on createdAt: an OR on
    // its own would make a deep page read every row before it.
    ...(c ? { createdAt: { lte: c.createdAt }, OR: [{ createdAt: { lt: c.createdAt } }, { id: { lt: c.id } }] } : {}),
  };
}

/**
 * One page of the requests list, newest first (createdAt desc, id desc). Keyset-paginated: the cursor is
 * the last row shown, so a page costs the same at the start as 100,000 rows in, and rows added meanwhile
 * neither repeat nor go missing. Indexes: see the 0014 migration.
 */
export async function listRequestPage(scope: Scope, rawFilter: unknown) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const filter = requestFilterSchema.parse(rawFilter ?? {});
  // A whole org number names at most one customer: look it up, then read that customer's index.
  const customerIds =
    filter.q?.length === 9
      ? (await db.customer.findMany({ where: { environmentId, orgNo: filter.q }, select: { id: true } })).map(
          (c) => c.id,
        )
      : null;
  const rows = await db.systemUserRequest.findMany({
    where: where(environmentId, filter, customerIds),
    select: SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: REQUEST_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, REQUEST_PAGE_SIZE);
  const last = page.at(-1);
  return {
    requests: page,
    nextCursor: rows.length > REQUEST_PAGE_SIZE && last ? encodeRequestCursor(last) : null,
    filter,
  };
}

/** A request as the API answers it (lib/requests/resource.ts), of the scope's environment only. */
export async function getRequestResource({ actor, environment }: Scope, id: string) {
  assertCan(actor, "portal.read");
  const row = isUuid(id)
    ? await db.systemUserRequest.findFirst({
        where: { id, system: { environmentId: environment.id } },
        select: REQUEST_RESOURCE_SELECT,
      })
    : null;
  if (!row) throw notFound({ nb: "forespørselen", en: "Request" });
  return requestResource(row);
}

export type RequestResourceFilter = {
  status?: RequestFilter["status"];
  /** A whole (valid) org number. */
  orgNo?: string;
  /** Our id of the system. */
  systemId?: string;
  after: { createdAt: Date; id: string } | null;
  limit: number;
};

/** The API's list: the requests page's keyset order and filters, as resources, `limit` at a time. */
export async function listRequestResources(scope: Scope, f: RequestResourceFilter) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const customerIds = f.orgNo
    ? (await db.customer.findMany({ where: { environmentId, orgNo: f.orgNo }, select: { id: true } })).map((c) => c.id)
    : null;
  const rows = await db.systemUserRequest.findMany({
    where: where(environmentId, { status: f.status, systemId: f.systemId, cursor: f.after ?? undefined }, customerIds),
    select: REQUEST_RESOURCE_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: f.limit + 1,
  });
  return { rows: rows.slice(0, f.limit).map(requestResource), hasMore: rows.length > f.limit };
}
