import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";
import { EXPIRY_WARNING_DAYS, REQUEST_LIFETIME_DAYS, requestExpiresAt } from "@/lib/requests/expiry";

const DAY_MS = 86_400_000;
/** The dashboard lists this many; the rest are on the requests page. */
export const EXPIRING_SHOWN = 10;

/**
 * Requests still waiting for the customer that Altinn forgets within 7 days, soonest first: at most
 * EXPIRING_SHOWN, and whether there are more. Withdrawn and renewed ones (a `deleted` event) are gone
 * already. A range on the (status, createdAt) index, stopped after EXPIRING_SHOWN + 1 rows.
 */
export async function expiringRequests(scope: Scope, now: Date = new Date()) {
  assertCan(scope.actor, "portal.read");
  const rows = await db.systemUserRequest.findMany({
    where: {
      system: { environmentId: scope.environment.id },
      status: "New",
      createdAt: {
        gt: new Date(now.getTime() - REQUEST_LIFETIME_DAYS * DAY_MS),
        lte: new Date(now.getTime() - (REQUEST_LIFETIME_DAYS - EXPIRY_WARNING_DAYS) * DAY_MS),
      },
      events: { none: { kind: "deleted" } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: EXPIRING_SHOWN + 1,
    select: {
      id: true,
      createdAt: true,
      customer: { select: { id: true, orgNo: true, name: true } },
      system: { select: { systemId: true, name: true } },
    },
  });
  const requests = rows.slice(0, EXPIRING_SHOWN).map((r) => {
    const expiresAt = requestExpiresAt(r.createdAt);
    const name = r.system.name as { nb?: string; en?: string } | null;
    return {
      id: r.id,
      expiresAt,
      daysLeft: Math.floor((expiresAt.getTime() - now.getTime()) / DAY_MS),
      customer: r.customer,
      system: { systemId: r.system.systemId, name: { nb: name?.nb ?? r.system.systemId, en: name?.en ?? "" } },
    };
  });
  return { requests, more: rows.length > EXPIRING_SHOWN };
}

export type ExpiringRequest = Awaited<ReturnType<typeof expiringRequests>>["requests"][number];

/** The first steps of a new environment, each answered by one row at most. */
export async function checklist(scope: Scope) {
  assertCan(scope.actor, "portal.read");
  const environmentId = scope.environment.id;
  const [key, system, request, accepted] = await Promise.all([
    db.signingKey.findFirst({ where: { environmentId }, select: { id: true } }),
    db.system.findFirst({ where: { environmentId }, select: { id: true } }),
    db.systemUserRequest.findFirst({ where: { system: { environmentId } }, select: { id: true } }),
    db.systemUserRequest.findFirst({ where: { system: { environmentId }, status: "Accepted" }, select: { id: true } }),
  ]);
  return { key: key !== null, system: system !== null, request: request !== null, accepted: accepted !== null };
}
