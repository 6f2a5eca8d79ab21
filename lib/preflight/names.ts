import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/core/db";
import type { EnvironmentView } from "@/lib/environments/types";
import type { EntityAnswer } from "@/lib/preflight/checks";
import { lookUpEntities } from "@/lib/preflight/entity";

/**
 * Customers first seen in a request (by API, bulk or the public page) have no name. The Entity Register
 * has it: fill it in where none was given, never over a name someone chose. Audited as the register's
 * change, so the customer's history says where the name came from.
 */
export async function fillMissingNames(
  environment: Pick<EnvironmentView, "id" | "entityRegisterUrl">,
  answers: ReadonlyMap<string, EntityAnswer>,
) {
  const named = [...answers].flatMap(([orgNo, a]) => (a.status === "found" && a.name ? [{ orgNo, name: a.name }] : []));
  if (named.length === 0) return 0;
  const blanks = await db.customer.findMany({
    where: { environmentId: environment.id, orgNo: { in: named.map((n) => n.orgNo) }, name: null },
    select: { id: true, orgNo: true },
  });
  for (const c of blanks) {
    const name = named.find((n) => n.orgNo === c.orgNo)?.name ?? "";
    await db.$transaction(async (tx) => {
      // Only while still blank: an operator's name typed meanwhile wins.
      const { count } = await tx.customer.updateMany({ where: { id: c.id, name: null }, data: { name } });
      if (count === 0) return;
      await recordAudit(
        {
          actor: { type: "system", label: "entity-register" },
          action: "customer.update",
          target: { type: "customer", id: c.id },
          outcome: "success",
          environmentId: environment.id,
          subject: { orgNumber: c.orgNo },
          detail: { before: { name: null }, after: { name } },
        },
        tx,
      );
    });
  }
  return blanks.length;
}

/** Looks the customers up (cache first) and fills blank names: the customer page's one call. */
export async function checkCustomerEntity(
  environment: Pick<EnvironmentView, "id" | "entityRegisterUrl">,
  orgNo: string,
): Promise<EntityAnswer> {
  const answers = await lookUpEntities(environment, [orgNo]);
  await fillMissingNames(environment, answers);
  return answers.get(orgNo) ?? { status: "unchecked" };
}

/** Cached answers only (no call out), for flags on a list of customers. */
export async function cachedEntityFlags(environment: Pick<EnvironmentView, "entityRegisterUrl">, orgNos: string[]) {
  const flags = new Map<string, "deleted" | "bankrupt" | "liquidation" | "unknown">();
  if (!environment.entityRegisterUrl || orgNos.length === 0) return flags;
  const rows = await db.entityRecord.findMany({
    where: { baseUrl: environment.entityRegisterUrl, orgNo: { in: orgNos } },
    select: { orgNo: true, status: true, bankrupt: true, underLiquidation: true, deletedOn: true },
  });
  for (const r of rows) {
    if (r.status !== "found") flags.set(r.orgNo, r.status === "removed" ? "deleted" : "unknown");
    else if (r.deletedOn) flags.set(r.orgNo, "deleted");
    else if (r.bankrupt) flags.set(r.orgNo, "bankrupt");
    else if (r.underLiquidation) flags.set(r.orgNo, "liquidation");
  }
  return flags;
}
