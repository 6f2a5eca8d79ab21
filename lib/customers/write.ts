import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError, invalidInput } from "@/lib/core/errors";
import { newExternalRef } from "@/lib/customers/external-ref";
import { customerNotFound } from "@/lib/customers/queries";
import {
  createCustomerSchema,
  updateCustomerSchema,
  type CreateCustomerInput,
  type UpdateCustomerInput,
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
