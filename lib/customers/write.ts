import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { changedFields, createdFields } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { AppError, invalidInput } from "@/lib/core/errors";
import { newExternalRef } from "@/lib/customers/external-ref";
import { customerNotFound } from "@/lib/customers/queries";
import {
  createCustomerSchema,
  updateCustomerSchema,
  upsertCustomerSchema,
  type CreateCustomerInput,
  type UpdateCustomerInput,
  type UpsertCustomerInput,
} from "@/lib/customers/schema";
import type { Scope } from "@/lib/environments/types";

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
        subject: { orgNumber: orgNo },
        detail: createdFields({ orgNo, name, notes, tags }),
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
  const found = await db.customer.findFirst({ where: { id, environmentId }, select: { id: true } });
  if (!found) throw customerNotFound();
  await db.$transaction(async (tx) => {
    // FOR UPDATE: two saves at once each record the other's values as their "before".
    const [before] = await tx.$queryRaw<{ orgNo: string; name: string | null; notes: string; tags: string[] }[]>`
      SELECT "orgNo", name, notes, tags FROM customers WHERE id = ${id}::uuid FOR UPDATE`;
    if (!before) throw customerNotFound();
    const changes = changedFields(before, { name, notes, tags });
    // Saved as it was: nothing to write or record.
    if (!changes) return;
    await tx.customer.update({ where: { id }, data: { name, notes, tags } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "customer.update",
        target: { type: "customer", id },
        outcome: "success",
        environmentId,
        subject: { orgNumber: before.orgNo },
        detail: changes,
      },
      tx,
    );
  });
}

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((t) => b.includes(t));

/**
 * Creates the customer, or brings it up to date; notes and tags left out keep their value. Run nightly
 * by an ERP over every customer, so an unchanged one writes nothing (no row update, no audit entry).
 */
export async function upsertCustomer(
  scope: Scope,
  raw: UpsertCustomerInput,
): Promise<{ id: string; created: boolean; changed: boolean }> {
  assertCan(scope.actor, "customers.manage");
  const parsed = upsertCustomerSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { orgNo, name, notes, tags } = parsed.data;
  const find = () =>
    db.customer.findUnique({
      where: { environmentId_orgNo: { environmentId: scope.environment.id, orgNo } },
      select: { id: true, name: true, notes: true, tags: true },
    });
  let existing = await find();
  if (!existing) {
    try {
      const row = await createCustomer(scope, { orgNo, name, notes: notes ?? "", tags: tags ?? [] });
      return { id: row.id, created: true, changed: true };
    } catch (err) {
      // A concurrent first upsert of the same org number won the unique index: update that one instead.
      existing = await find();
      if (!existing) throw err;
    }
  }
  const next = { name, notes: notes ?? existing.notes, tags: tags ?? existing.tags };
  if (next.name === existing.name && next.notes === existing.notes && sameTags(next.tags, existing.tags))
    return { id: existing.id, created: false, changed: false };
  await updateCustomer(scope, { id: existing.id, ...next });
  return { id: existing.id, created: false, changed: true };
}
