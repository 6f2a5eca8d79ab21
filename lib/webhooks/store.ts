import "server-only";
import { getPool } from "@/lib/core/db";
import type { AttemptOutcome } from "@/lib/webhooks/send";

// The delivery hot path in plain SQL on the shared pool (as lib/bulk/store.ts): a claim and a settle
// per attempt, each one statement. Tables are Prisma's (prisma/schema.prisma, timestamptz columns).

/** A delivery taken under lease, with everything needed to send it. */
export type ClaimedDelivery = {
  id: string;
  attempts: number;
  endpointId: string;
  url: string;
  secretEnc: string;
  previousSecretEnc: string | null;
  previousSecretExpiresAt: Date | null;
  environmentKind: string;
  environmentSlug: string;
  eventId: string;
  seq: string;
  type: string;
  data: unknown;
  createdAt: Date;
};

export type ClaimFilter = { endpointIds?: string[]; deliveryIds?: string[] };

/**
 * Takes up to `n` deliveries that are due: pending ones whose time has come, and working ones whose lease
 * ran out (their process died mid-send). SKIP LOCKED lets any number of processes claim side by side.
 * Disabled endpoints' rows are left alone.
 */
export async function claimDeliveries(n: number, leaseMs: number, filter: ClaimFilter = {}) {
  const { rows } = await getPool().query<ClaimedDelivery>(
    `WITH claimed AS (
       UPDATE webhook_deliveries d SET status = 'working', "leaseUntil" = now() + $2 * interval '1 millisecond', "updatedAt" = now()
       WHERE d.id IN (
         SELECT w.id FROM webhook_deliveries w JOIN webhook_endpoints e ON e.id = w."endpointId"
         WHERE e."disabledAt" IS NULL
           AND ((w.status = 'pending' AND w."nextAttemptAt" <= now()) OR (w.status = 'working' AND w."leaseUntil" < now()))
           AND ($3::uuid[] IS NULL OR w."endpointId" = ANY($3::uuid[]))
           AND ($4::uuid[] IS NULL OR w.id = ANY($4::uuid[]))
         ORDER BY w."nextAttemptAt" LIMIT $1 FOR UPDATE OF w SKIP LOCKED)
       RETURNING d.id, d.attempts, d."endpointId", d."eventId")
     SELECT c.id, c.attempts, c."endpointId", e.url, e."secretEnc", e."previousSecretEnc", e."previousSecretExpiresAt",
       env.kind::text AS "environmentKind", env.slug AS "environmentSlug",
       ev.id AS "eventId", ev.seq::text AS seq, ev.type, ev.data, ev."createdAt"
     FROM claimed c
     JOIN webhook_endpoints e ON e.id = c."endpointId"
     JOIN environments env ON env.id = e."environmentId"
     JOIN vendor_events ev ON ev.id = c."eventId"`,
    [n, leaseMs, filter.endpointIds ?? null, filter.deliveryIds ?? null],
  );
  return rows;
}

// From the delivery row, so a delivery deleted meanwhile (its endpoint was) writes nothing instead of failing.
const INSERT_ATTEMPT = `INSERT INTO webhook_attempts (id, "deliveryId", at, status, "latencyMs", "responseExcerpt", error)
  SELECT gen_random_uuid(), id, now(), $2::int, $3::int, $4::text, $5::text FROM webhook_deliveries WHERE id = $1`;
const attemptParams = (id: string, o: AttemptOutcome) => [id, o.status, o.latencyMs, o.excerpt, o.error];

/**
 * Succeeded: never sent again unless someone replays it. A test event that gets through also makes its
 * endpoint healthy again (that is what "Send test event" is for).
 */
export async function settleSuccess(id: string, outcome: AttemptOutcome, healsEndpoint: boolean): Promise<void> {
  await getPool().query(
    `WITH a AS (${INSERT_ATTEMPT}),
     d AS (UPDATE webhook_deliveries SET status = 'succeeded', attempts = attempts + 1, "succeededAt" = now(),
             "leaseUntil" = NULL, "updatedAt" = now()
           WHERE id = $1 AND status = 'working' RETURNING "endpointId")
     UPDATE webhook_endpoints SET "failingSince" = NULL, "updatedAt" = now()
     WHERE $6::boolean AND "failingSince" IS NOT NULL AND id IN (SELECT "endpointId" FROM d)`,
    [...attemptParams(id, outcome), healsEndpoint],
  );
}

/**
 * Failed: back to pending after `retryInMs`, or (null) failed for good, which marks the endpoint failing
 * so that its new events are held until someone replays them.
 */
export async function settleFailure(id: string, outcome: AttemptOutcome, retryInMs: number | null): Promise<void> {
  await getPool().query(
    `WITH a AS (${INSERT_ATTEMPT}),
     d AS (UPDATE webhook_deliveries SET attempts = attempts + 1,
             status = CASE WHEN $6::bigint IS NULL THEN 'failed' ELSE 'pending' END::"WebhookDeliveryStatus",
             "nextAttemptAt" = now() + coalesce($6::bigint, 0) * interval '1 millisecond', "leaseUntil" = NULL, "updatedAt" = now()
           WHERE id = $1 AND status = 'working' RETURNING "endpointId", status)
     UPDATE webhook_endpoints SET "failingSince" = coalesce("failingSince", now()), "updatedAt" = now()
     WHERE id IN (SELECT "endpointId" FROM d WHERE status = 'failed')`,
    [...attemptParams(id, outcome), retryInMs],
  );
}

/** When the next delivery comes due (or a lease runs out); null when nothing waits. */
export async function nextDueAt(): Promise<Date | null> {
  const { rows } = await getPool().query<{ at: Date | null }>(
    `SELECT least(
       (SELECT min(w."nextAttemptAt") FROM webhook_deliveries w JOIN webhook_endpoints e ON e.id = w."endpointId"
        WHERE w.status = 'pending' AND e."disabledAt" IS NULL),
       (SELECT min("leaseUntil") FROM webhook_deliveries WHERE status = 'working')) AS at`,
  );
  return rows[0]?.at ?? null;
}
