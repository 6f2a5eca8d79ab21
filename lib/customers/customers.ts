import "server-only";
import type { Scope } from "@/lib/environments/types";
import { auditActor } from "@/lib/audit/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { AppError, invalidInput, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { newExternalRef } from "@/lib/customers/external-ref";
import {
  createCustomerSchema,
  customerFilterSchema,
  updateCustomerSchema,
  type CreateCustomerInput,
  type CustomerFilter,
  type UpdateCustomerInput,
} from "@/lib/customers/schema";

export const CUSTOMER_PAGE_SIZE = 25;
const customerNotFound = () => notFound({ nb: "kunden", en: "Customer" });

export async function createCustomer(scope: Scope, raw: CreateCustomerInput) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "customers.manage");
  const parsed = createCustomerSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { orgNo, name, notes, tags } = parsed.data;
  const taken = await db.customer.findUnique({
    where: { environmentId_orgNo: { environmentId, orgNo } },
    select: { id: true },
  });
  if (taken) {
    throw new AppError(
      "customer_exists",
      { nb: `Kunden ${orgNo} finnes allerede.`, en: `Customer ${orgNo} already exists.` },
      409,
      { fieldErrors: { orgNo: ["customers.errors.exists"] } },
    );
  }
  return db.$transaction(async (tx) => {
    const row = await tx.customer.create({
      data: { environmentId, orgNo, name, notes, tags, externalRef: newExternalRef() },
      select: { id: true, externalRef: true },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "customer.create",
        target: { type: "customer", id: row.id },
        outcome: "success",
        environmentId,
        detail: { orgNo, tags },
      },
      tx,
    );
    return row;
  });
}

export async function updateCustomer(scope: Scope, raw: UpdateCustomerInput) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "customers.manage");
  const parsed = updateCustomerSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, name, notes, tags } = parsed.data;
  const before = await db.customer.findFirst({ where: { id, environmentId }, select: { name: true, tags: true } });
  if (!before) throw customerNotFound();
  await db.$transaction(async (tx) => {
    await tx.customer.update({ where: { id }, data: { name, notes, tags } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "customer.update",
        target: { type: "customer", id },
        outcome: "success",
        environmentId,
        detail: { before, after: { name, tags } },
      },
      tx,
    );
  });
}

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
export async function searchCustomers(scope: Scope, rawFilter: unknown) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const filter = customerFilterSchema.parse(rawFilter ?? {});
  const rows = await db.customer.findMany({
    where: filterWhere(environmentId, filter),
    select: LIST_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CUSTOMER_PAGE_SIZE + 1,
    ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, CUSTOMER_PAGE_SIZE);
  return { customers: page, nextCursor: rows.length > CUSTOMER_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null, filter };
}

export async function listCustomerTags(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const rows = await db.customer.findMany({ where: { environmentId }, select: { tags: true } });
  return [...new Set(rows.flatMap((r) => r.tags))].sort();
}

export async function getCustomer(scope: Scope, id: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  if (!isUuid(id)) throw customerNotFound();
  const row = await db.customer.findFirst({
    where: { id, environmentId },
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
