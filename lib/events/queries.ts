import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import type { Scope } from "@/lib/environments/types";
import type { EventType, VendorEventBody } from "@/lib/events/types";

type EventRow = { id: string; seq: bigint; type: string; data: unknown; createdAt: Date };

/** The one envelope for an event, in the feed and in webhook bodies alike. */
export function eventBody(row: EventRow, environmentSlug: string): VendorEventBody {
  return {
    id: row.id,
    type: row.type as EventType,
    sequence: Number(row.seq),
    timestamp: row.createdAt.toISOString(),
    environment: environmentSlug,
    data: (row.data ?? {}) as Record<string, unknown>,
  };
}

/**
 * Events after a sequence number, oldest first: a consumer stores the last sequence it handled and
 * asks for what came after, so downtime loses nothing.
 */
export async function listEvents(
  { actor, environment }: Scope,
  opts: { after?: number; limit: number; types?: EventType[] },
): Promise<{ data: VendorEventBody[]; hasMore: boolean }> {
  assertCan(actor, "portal.read");
  const rows = await db.vendorEvent.findMany({
    where: {
      environmentId: environment.id,
      seq: { gt: BigInt(opts.after ?? 0) },
      ...(opts.types?.length ? { type: { in: opts.types } } : {}),
    },
    orderBy: { seq: "asc" },
    take: opts.limit + 1,
    select: { id: true, seq: true, type: true, data: true, createdAt: true },
  });
  return {
    data: rows.slice(0, opts.limit).map((r) => eventBody(r, environment.slug)),
    hasMore: rows.length > opts.limit,
  };
}
