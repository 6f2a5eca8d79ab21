import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { customerFilterSchema, type CustomerFilter } from "@/lib/customers/schema";
import type { Scope } from "@/lib/environments/types";
import type { Prisma } from "@/lib/generated/prisma/client";

export const CUSTOMER_PAGE_SIZE = 25;

export const customerNotFound = () => notFound({ nb: "kunden", en: "Customer" });

/** connected: holds a system user (one the customer has not deleted); waiting: a request is open; none: neither. */
function statusWhere(status: CustomerFilter["status"]): Prisma.CustomerWhereInput {
  const live = { deletedAt: null };
  if (status === "connected") return { systemUsers: { some: live } };
  if (status === "waiting") return { systemUsers: { none: live }, requests: { some: { status: "New" } } };
  if (status === "none") return { systemUsers: { none: live }, requests: { none: { status: "New" } } };
  return {};
}

function filterWhere(environmentId: string, f: CustomerFilter): Prisma.CustomerWhereInput {
  const digits = f.q?.replace(/[\s.]/g, "");
  const q = f.q
    ? {
        OR: [
          { name: { contains: f.q, mode: "insensitive" as const } },
          ...(digits && /^\d+$/.test(digits) ? [{ orgNo: { startsWith: digits } }] : []),
        ],
      }
    : {};
  return { environmentId, ...q, ...(f.tag ? { tags: { has: f.tag } } : {}), ...statusWhere(f.status) };
}

const LIST_SELECT = {
  id: true,
  orgNo: true,
  name: true,
  notes: true,
  tags: true,
  externalRef: true,
  createdAt: true,
  systemUsers: {
    where: { deletedAt: null },
    select: { altinnSystemUserId: true, system: { select: { systemId: true, name: true } } },
  },
  requests: {
    select: { id: true, status: true, confirmUrl: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 1,
  },
} as const satisfies Prisma.CustomerSelect;

/** Newest first; the cursor is the last id shown, so pages stay stable while customers are added. */
export async function searchCustomers(scope: Scope, rawFilter: unknown, pageSize = CUSTOMER_PAGE_SIZE) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const filter = customerFilterSchema.parse(rawFilter ?? {});
  const rows = await db.customer.findMany({
    where: filterWhere(environmentId, filter),
    select: LIST_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, pageSize);
  return { customers: page, nextCursor: rows.length > pageSize ? (page.at(-1)?.id ?? null) : null, filter };
}

export async function listCustomerTags(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const rows = await db.customer.findMany({ where: { environmentId }, select: { tags: true } });
  return [...new Set(rows.flatMap((r) => r.tags))].sort();
}

/** By our id or by the customer's org number (what an ERP knows it by). */
export async function getCustomer(scope: Scope, id: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const key = isUuid(id) ? { id } : /^\d{9}$/.test(id) ? { orgNo: id } : null;
  if (!key) throw customerNotFound();
  const row = await db.customer.findFirst({
    where: { ...key, environmentId },
    select: {
      id: true,
      orgNo: true,
      name: true,
      notes: true,
      tags: true,
      externalRef: true,
      createdAt: true,
      systemUsers: {
        where: { deletedAt: null },
        select: {
          altinnSystemUserId: true,
          userType: true,
          discoveredAt: true,
          system: { select: { id: true, systemId: true, name: true } },
        },
        orderBy: { discoveredAt: "asc" },
      },
      requests: {
        select: { id: true, status: true, createdAt: true, system: { select: { systemId: true, name: true } } },
        orderBy: { createdAt: "desc" },
      },
    },
  });
  if (!row) throw customerNotFound();
  return row;
}

export async function listCustomers(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  return db.customer.findMany({
    where: { environmentId },
    select: {
      id: true,
      orgNo: true,
      name: true,
      createdAt: true,
      systemUsers: {
        select: {
          altinnSystemUserId: true,
          externalRef: true,
          userType: true,
          discoveredAt: true,
          system: { select: { systemId: true, name: true } },
        },
      },
      requests: { select: { id: true, status: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
    orderBy: { createdAt: "desc" },
  });
}
