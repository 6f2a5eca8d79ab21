import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";

/** The selected customers of this environment; an id of another environment is simply not found. */
export async function listCustomersByIds(scope: Scope, ids: readonly string[]) {
  assertCan(scope.actor, "requests.create");
  if (!ids.every(isUuid)) throw notFound({ nb: "kunden", en: "Customer" });
  const rows = await db.customer.findMany({
    where: { id: { in: [...ids] }, environmentId: scope.environment.id },
    select: { id: true, orgNo: true },
    orderBy: { orgNo: "asc" },
  });
  if (rows.length !== new Set(ids).size) throw notFound({ nb: "kunden", en: "Customer" });
  return rows;
}
