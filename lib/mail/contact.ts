import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { changedFields, createdFields } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";
import { contactSchema, parseOr400 } from "@/lib/mail/schema";

async function customerIn({ environment }: Scope, customerId: string) {
  const c = isUuid(customerId)
    ? await db.customer.findFirst({
        where: { id: customerId, environmentId: environment.id },
        select: { id: true, orgNo: true },
      })
    : null;
  if (!c) throw notFound({ nb: "kunden", en: "Customer" });
  return c;
}

export async function getContact(scope: Scope, customerId: string) {
  // Operators and auditors see a contact; the customer must be in this environment.
  await customerIn(scope, customerId);
  return db.customerMailContact.findUnique({ where: { customerId } });
}

/** Sets the e-mail address and language invitations go to (audited). */
export async function saveContact(scope: Scope, input: { customerId: string; email: string; locale: string }) {
  const { actor, environment } = scope;
  assertCan(actor, "customers.manage");
  const v = parseOr400(contactSchema, input);
  const c = await customerIn(scope, v.customerId);
  const before = await db.customerMailContact.findUnique({
    where: { customerId: c.id },
    select: { email: true, locale: true },
  });
  const after = { email: v.email, locale: v.locale };
  const detail = before ? changedFields(before, after) : createdFields(after);
  if (!detail) return;
  await db.$transaction(async (tx) => {
    await tx.customerMailContact.upsert({
      where: { customerId: c.id },
      create: { customerId: c.id, ...after },
      update: after,
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "customer.contact_update",
        target: { type: "customer", id: c.orgNo },
        outcome: "success",
        environmentId: environment.id,
        detail,
      },
      tx,
    );
  });
}

/** "Stop reminders" on the customer's page (audited); the mailed link uses stopRemindersByToken. */
export async function stopReminders(scope: Scope, customerId: string) {
  const { actor, environment } = scope;
  assertCan(actor, "customers.manage");
  const c = await customerIn(scope, customerId);
  await db.$transaction(async (tx) => {
    const n = await tx.customerMailContact.updateMany({
      where: { customerId: c.id, remindersStoppedAt: null },
      data: { remindersStoppedAt: new Date() },
    });
    if (n.count === 0) return;
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "customer.reminders_stop",
        target: { type: "customer", id: c.orgNo },
        outcome: "success",
        environmentId: environment.id,
      },
      tx,
    );
  });
}
