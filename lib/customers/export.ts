import "server-only";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { toCsv } from "@/lib/core/csv";
import type { CustomerStatus } from "@/lib/customers/schema";

const HEADER = [
  "orgNo",
  "name",
  "externalRef",
  "tags",
  "status",
  "systemUsers",
  "latestRequestStatus",
  "confirmUrl",
  "notes",
  "createdAt",
  "contactEmail",
  "contactLocale",
];

/**
 * Every customer of one environment (never another's), with the confirm link of a request still
 * waiting: the link is what a vendor needs to chase customers from a spreadsheet.
 */
export async function exportCustomersCsv(scope: Scope): Promise<string> {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "customers.export");
  const rows = await db.customer.findMany({
    where: { environmentId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      orgNo: true,
      name: true,
      externalRef: true,
      tags: true,
      notes: true,
      createdAt: true,
      mailContact: { select: { email: true, locale: true } },
      systemUsers: { select: { altinnSystemUserId: true, system: { select: { systemId: true } } } },
      requests: { select: { status: true, confirmUrl: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const csv = toCsv(
    HEADER,
    rows.map((c) => {
      const latest = c.requests[0];
      const status: CustomerStatus =
        c.systemUsers.length > 0 ? "connected" : latest?.status === "New" ? "waiting" : "none";
      return [
        c.orgNo,
        c.name,
        c.externalRef,
        c.tags.join(" "),
        status,
        c.systemUsers.map((u) => `${u.system.systemId}:${u.altinnSystemUserId}`).join(" "),
        latest?.status ?? "",
        latest?.status === "New" ? latest.confirmUrl : "",
        c.notes,
        c.createdAt.toISOString(),
        c.mailContact?.email ?? "",
        c.mailContact?.locale ?? "",
      ];
    }),
  );
  // Every customer with its confirm links leaves the portal in this file: who took it, and when, is on record.
  await recordAudit({
    actor: auditActor(actor),
    action: "customers.export",
    target: { type: "environment", id: scope.environment.slug },
    outcome: "success",
    environmentId,
    detail: { format: "csv", rows: rows.length },
  });
  return csv;
}
