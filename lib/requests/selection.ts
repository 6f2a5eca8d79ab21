import "server-only";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { AppError, invalidInput, notFound, type LocalizedText } from "@/lib/core/errors";
import { createRequest } from "@/lib/requests/create";
import { selectionRequestSchema } from "@/lib/customers/schema";

export type SelectionOutcome = {
  customerId: string;
  orgNo: string;
  ok: boolean;
  requestId?: string;
  existed?: boolean;
  message?: LocalizedText;
};

/**
 * One request per selected customer, one after the other (Altinn rate-limits; a customer's failure
 * must not stop the rest). Idempotent: Altinn returns an open request again, and so do we.
 */
export async function createRequestsForSelection(scope: Scope, raw: unknown): Promise<SelectionOutcome[]> {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "requests.create");
  const parsed = selectionRequestSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { systemId, customerIds, kind } = parsed.data;
  // Ids of another environment are not found, like unknown ones (never "invalid", which says they exist).
  const system = await db.system.findFirst({ where: { id: systemId, environmentId }, select: { id: true } });
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  const customers = await db.customer.findMany({
    where: { id: { in: customerIds }, environmentId },
    select: { id: true, orgNo: true },
    orderBy: { orgNo: "asc" },
  });
  if (customers.length !== new Set(customerIds).size) throw notFound({ nb: "kunden", en: "Customer" });
  const outcomes: SelectionOutcome[] = [];
  for (const c of customers) {
    try {
      const r = await createRequest(scope, { systemId, orgNo: c.orgNo, kind });
      outcomes.push({ customerId: c.id, orgNo: c.orgNo, ok: true, requestId: r.id, existed: r.existed });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      outcomes.push({ customerId: c.id, orgNo: c.orgNo, ok: false, message: err.userMessage });
    }
  }
  return outcomes;
}
