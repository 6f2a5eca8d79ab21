import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";
import { calendarDaysUntil, EXPIRY_WARNING_DAYS, REQUEST_LIFETIME_DAYS, requestExpiresAt } from "@/lib/requests/expiry";

const DAY_MS = 86_400_000;
/** The dashboard lists this many; the rest are on the requests page. */
export const EXPIRING_SHOWN = 10;

type ExpiringRow = {
  id: string;
  createdAt: Date;
  customerId: string;
  orgNo: string;
  customerName: string | null;
  systemId: string;
  systemName: { nb?: string; en?: string } | null;
};

/**
 * Requests still waiting for the customer that Altinn forgets within 7 days, soonest first: at most
 * EXPIRING_SHOWN, and whether there are more. Withdrawn and renewed ones (a `deleted` event) are gone
 * already. A range on the (status, createdAt) index, stopped after EXPIRING_SHOWN + 1 rows. Plain SQL:
 * Prisma's relation filters cost more than the query itself here.
 */
export async function expiringRequests(scope: Scope, now: Date = new Date()) {
  assertCan(scope.actor, "portal.read");
  const from = new Date(now.getTime() - REQUEST_LIFETIME_DAYS * DAY_MS);
  const to = new Date(now.getTime() - (REQUEST_LIFETIME_DAYS - EXPIRY_WARNING_DAYS) * DAY_MS);
  const rows = await db.$queryRaw<ExpiringRow[]>`
    SELECT r.id, r."createdAt" AT TIME ZONE 'UTC' AS "createdAt", c.id AS "customerId", c."orgNo", c.name AS "customerName",
      s."systemId", s.name AS "systemName"
    FROM system_user_requests r
    JOIN systems s ON s.id = r."systemId"
    JOIN customers c ON c.id = r."customerId"
    WHERE s."environmentId" = ${scope.environment.id}::uuid AND r.status = 'New'
      AND r."createdAt" > (${from.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      AND r."createdAt" <= (${to.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      AND NOT EXISTS (SELECT 1 FROM request_events e WHERE e."requestId" = r.id AND e.kind = 'deleted')
    ORDER BY r."createdAt", r.id
    LIMIT ${EXPIRING_SHOWN + 1}`;
  const requests = rows.slice(0, EXPIRING_SHOWN).map((r) => {
    const expiresAt = requestExpiresAt(r.createdAt);
    return {
      id: r.id,
      expiresAt,
      daysLeft: calendarDaysUntil(expiresAt, now),
      customer: { id: r.customerId, orgNo: r.orgNo, name: r.customerName },
      system: {
        systemId: r.systemId,
        name: { nb: r.systemName?.nb ?? r.systemId, en: r.systemName?.en ?? r.systemId },
      },
    };
  });
  return { requests, more: rows.length > EXPIRING_SHOWN };
}

export type ExpiringRequest = Awaited<ReturnType<typeof expiringRequests>>["requests"][number];

/** The first steps of a new environment, each answered by one index probe, in one round trip. */
export async function checklist(scope: Scope) {
  assertCan(scope.actor, "portal.read");
  const env = scope.environment.id;
  const [row] = await db.$queryRaw<{ key: boolean; system: boolean; request: boolean; accepted: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM signing_keys WHERE "environmentId" = ${env}::uuid) AS key,
      EXISTS (SELECT 1 FROM systems WHERE "environmentId" = ${env}::uuid) AS system,
      EXISTS (SELECT 1 FROM system_user_requests r JOIN systems s ON s.id = r."systemId"
        WHERE s."environmentId" = ${env}::uuid) AS request,
      EXISTS (SELECT 1 FROM system_user_requests r JOIN systems s ON s.id = r."systemId"
        WHERE s."environmentId" = ${env}::uuid AND r.status = 'Accepted') AS accepted`;
  return {
    key: row?.key ?? false,
    system: row?.system ?? false,
    request: row?.request ?? false,
    accepted: row?.accepted ?? false,
  };
}
