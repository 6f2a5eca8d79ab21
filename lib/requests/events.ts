import "server-only";
import type { Scope } from "@/lib/environments/types";
import type { Prisma, RequestEventKind, RequestStatus } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { isUuid } from "@/lib/core/ids";
import type { EventType } from "@/lib/events/types";
import { emitRequestEvent } from "@/lib/requests/vendor-events";

type Tx = Prisma.TransactionClient;

// The timeline kinds a vendor's product hears about (the rest are the portal's own detail).
const VENDOR_EVENTS: Partial<Record<RequestEventKind, EventType>> = {
  created: "request.created",
  accepted: "request.accepted",
  rejected: "request.rejected",
  expired: "request.expired",
  deleted: "request.deleted",
};

/**
 * Written in the same transaction as the change it describes, so the timeline never disagrees with
 * the row; the vendor event (outbox) goes in the same transaction for the same reason. Write the row
 * change first: the event carries the request as it is after it.
 */
export async function recordRequestEvent(
  tx: Tx,
  requestId: string,
  kind: RequestEventKind,
  detail?: Record<string, string | number | boolean | null>,
) {
  await tx.requestEvent.create({ data: { requestId, kind, detail: detail ?? undefined } });
  const type = VENDOR_EVENTS[kind];
  if (type) await emitRequestEvent(tx, requestId, type);
}

/** The timeline event a status seen in Altinn stands for; New has none of its own (it is "created"). */
export function eventForStatus(status: RequestStatus): RequestEventKind | null {
  switch (status) {
    case "Accepted":
      return "accepted";
    case "Rejected":
    case "Denied":
      return "rejected";
    case "Timedout":
      return "expired";
    default:
      return null;
  }
}

export async function listRequestEvents({ actor, environment }: Scope, requestId: string) {
  assertCan(actor, "portal.read");
  if (!isUuid(requestId)) return [];
  return db.requestEvent.findMany({
    where: { requestId, request: { system: { environmentId: environment.id } } },
    orderBy: [{ at: "asc" }],
    select: { id: true, at: true, kind: true, detail: true },
  });
}
