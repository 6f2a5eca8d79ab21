import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getPool } from "@/lib/core/db";
import { newExternalRef } from "@/lib/customers/external-ref";
import { nextCheckDelayMs } from "@/lib/requests/polling";
import type { AltinnRequest } from "@/lib/integrations/altinn/requests";

// The bulk job's hot path in plain SQL on the shared pool: one statement per step, so a row costs a
// claim and a store (plus the outbound-call log) instead of a dozen Prisma round trips. The tables
// are Prisma's (prisma/schema.prisma); timestamps without time zone hold UTC, as Prisma writes them.

export type ClaimedRow = {
  id: string;
  line: number;
  orgNo: string;
  customerId: string;
  externalRef: string;
  attempts: number;
};

/**
 * Every customer of the job in one statement: new org numbers get a customer with a random externalRef,
 * existing ones keep theirs; then each row learns its customer. Returns how many customers were new.
 */
export async function attachCustomers(
  tx: Prisma.TransactionClient,
  jobId: string,
  environmentId: string,
): Promise<number> {
  const rows = await tx.bulkRow.findMany({
    where: { jobId, status: "pending" },
    select: { orgNo: true, name: true },
    orderBy: { line: "asc" },
  });
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO customers (id, "environmentId", "orgNo", name, "externalRef", "createdAt")
     SELECT gen_random_uuid(), $1::uuid, t.org, t.name, t.ref, (now() AT TIME ZONE 'UTC')
     FROM unnest($2::text[], $3::text[], $4::text[]) AS t(org, name, ref)
     ON CONFLICT ("environmentId", "orgNo") DO NOTHING`,
    environmentId,
    rows.map((r) => r.orgNo),
    rows.map((r) => r.name),
    rows.map(() => newExternalRef()),
  );
  await tx.$executeRawUnsafe(
    `UPDATE bulk_rows b SET "customerId" = c.id, "externalRef" = c."externalRef"
     FROM customers c WHERE b."jobId" = $1::uuid AND c."environmentId" = $2::uuid AND c."orgNo" = b."orgNo"`,
    jobId,
    environmentId,
  );
  return inserted;
}

/**
 * Takes up to `n` rows that are due: pending (while the job runs) or working under a lease that has
 * run out (its process died). SKIP LOCKED lets any number of workers and processes claim side by side.
 */
export async function claimRows(jobId: string, leaseMs: number, n: number): Promise<ClaimedRow[]> {
  const { rows } = await getPool().query<ClaimedRow>(
    `UPDATE bulk_rows r SET status = 'working', attempts = r.attempts + 1,
       "leaseUntil" = now() + $2 * interval '1 millisecond', "updatedAt" = now()
     WHERE r.id IN (
       SELECT b.id FROM bulk_rows b JOIN bulk_jobs j ON j.id = b."jobId"
       WHERE b."jobId" = $1 AND ((b.status = 'pending' AND b."nextAttemptAt" <= now() AND j.status = 'running')
         OR (b.status = 'working' AND b."leaseUntil" < now()))
       ORDER BY b.line LIMIT $3 FOR UPDATE OF b SKIP LOCKED)
     RETURNING r.id, r.line, r."orgNo", r."customerId", r."externalRef", r.attempts`,
    [jobId, leaseMs, n],
  );
  return rows.sort((a, b) => a.line - b.line);
}

/** Gives claimed rows that never reached Altinn back: pending again, or cancelled if the job was. */
export async function releaseRows(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await getPool().query(
    `UPDATE bulk_rows r SET status = CASE WHEN j.status = 'running' THEN 'pending'::"BulkRowStatus" ELSE 'cancelled'::"BulkRowStatus" END,
       attempts = greatest(r.attempts - 1, 0), "leaseUntil" = NULL, "updatedAt" = now()
     FROM bulk_jobs j WHERE j.id = r."jobId" AND r.id = ANY($1::uuid[]) AND r.status = 'working'`,
    [ids],
  );
}

export async function jobStatus(jobId: string): Promise<string | null> {
  const { rows } = await getPool().query<{ status: string }>(
    `SELECT status::text AS status FROM bulk_jobs WHERE id = $1`,
    [jobId],
  );
  return rows[0]?.status ?? null;
}

/** When the next row of the job can be claimed, ignoring rows this process holds; null when none can. */
export async function nextClaimAt(jobId: string, ownRowIds: string[]): Promise<Date | null> {
  const { rows } = await getPool().query<{ at: Date | null }>(
    `SELECT min(CASE WHEN b.status = 'pending' THEN b."nextAttemptAt" ELSE b."leaseUntil" END) AS at
     FROM bulk_rows b JOIN bulk_jobs j ON j.id = b."jobId"
     WHERE b."jobId" = $1 AND ((b.status = 'pending' AND j.status = 'running') OR (b.status = 'working' AND NOT (b.id = ANY($2::uuid[]))))`,
    [jobId, ownRowIds],
  );
  return rows[0]?.at ?? null;
}

export type Store = {
  row: ClaimedRow;
  requestId: string;
  systemRowId: string;
  createdById: string | null;
  request: AltinnRequest;
  existedInAltinn: boolean;
  jobId: string;
};

export type Stored = { requestId: string | null; fresh: boolean };

/** The "created" event's detail for a request a bulk row made. */
const createdDetail = (s: Store) =>
  JSON.stringify({
    altinnRequestId: s.request.id,
    existedInAltinn: s.existedInAltinn,
    via: "bulk",
    bulkJobId: s.jobId,
    renewedFrom: null,
  });

/**
 * In one statement: the request (unless we already hold one with this Altinn id: a retried row, or
 * another job), its "created" timeline event, and the row marked done. Returns our request id.
 */
export async function storeRequest(s: Store): Promise<Stored> {
  const { request } = s;
  const { rows } = await getPool().query<{ requestId: string | null; fresh: boolean | null }>(
    `WITH ins AS (
       INSERT INTO system_user_requests (id, "systemId", "customerId", "altinnRequestId", "externalRef", status, "confirmUrl",
         "redirectUrl", "accessPackages", "createdById", "createdVia", "nextCheckAt", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6::"RequestStatus", $7, $8, $9::text[], $10, 'bulk',
         CASE WHEN $6 = 'New' THEN (now() AT TIME ZONE 'UTC') + $11 * interval '1 millisecond' END,
         (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC'))
       ON CONFLICT DO NOTHING RETURNING id),
     ev AS (INSERT INTO request_events (id, "requestId", kind, detail) SELECT gen_random_uuid(), id, 'created', $12::jsonb FROM ins),
     req AS (SELECT id, true AS fresh FROM ins UNION ALL SELECT id, false FROM system_user_requests WHERE "altinnRequestId" = $4)
     UPDATE bulk_rows SET status = 'done', "requestId" = (SELECT id FROM req ORDER BY fresh DESC LIMIT 1),
       existed = $13 OR NOT coalesce((SELECT fresh FROM req ORDER BY fresh DESC LIMIT 1), false),
       "leaseUntil" = NULL, "errorCode" = NULL, "errorMessage" = NULL, "updatedAt" = now()
     WHERE id = $14
     RETURNING "requestId", (SELECT fresh FROM req ORDER BY fresh DESC LIMIT 1) AS fresh`,
    [
      s.requestId,
      s.systemRowId,
      s.row.customerId,
      request.id,
      request.externalRef ?? s.row.externalRef,
      request.status,
      request.confirmUrl,
      request.redirectUrl ?? null,
      request.accessPackages.map((p) => p.urn),
      s.createdById,
      nextCheckDelayMs(0),
      createdDetail(s),
      s.existedInAltinn,
      s.row.id,
    ],
  );
  return { requestId: rows[0]?.requestId ?? null, fresh: rows[0]?.fresh ?? false };
}

/**
 * storeRequest for many rows in one statement (lib/bulk/store-batch.ts): each request (unless we already hold one with its Altinn id: a
 * retried row, or another job), its "created" timeline event, and its row marked done. By row id: our
 * request id and whether it is new.
 */
export async function storeRequests(stores: Store[]): Promise<Map<string, Stored>> {
  const col = <T>(f: (s: Store) => T) => stores.map(f);
  const { rows } = await getPool().query<{ rowId: string; requestId: string | null; fresh: boolean }>(
    `WITH input AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::jsonb[], $10::uuid[], $11::jsonb[], $12::bool[], $13::uuid[])
         AS t(id, "systemId", "customerId", aid, xref, status, confirm, redirect, packages, "by", detail, existed, "rowId")),
     ins AS (
       INSERT INTO system_user_requests (id, "systemId", "customerId", "altinnRequestId", "externalRef", status, "confirmUrl",
         "redirectUrl", "accessPackages", "createdById", "createdVia", "nextCheckAt", "createdAt", "updatedAt")
       SELECT id, "systemId", "customerId", aid, xref, status::"RequestStatus", confirm, redirect,
         ARRAY(SELECT jsonb_array_elements_text(packages)), "by", 'bulk',
         CASE WHEN status = 'New' THEN (now() AT TIME ZONE 'UTC') + $14 * interval '1 millisecond' END,
         (now() AT TIME ZONE 'UTC'), (now() AT TIME ZONE 'UTC')
       FROM input
       ON CONFLICT DO NOTHING RETURNING id, "altinnRequestId"),
     ev AS (
       INSERT INTO request_events (id, "requestId", kind, detail)
       SELECT gen_random_uuid(), ins.id, 'created', input.detail FROM ins JOIN input ON input.aid = ins."altinnRequestId"),
     req AS (
       SELECT input."rowId", coalesce(ins.id, held.id) AS id, ins.id IS NOT NULL AS fresh, input.existed
       FROM input LEFT JOIN ins ON ins."altinnRequestId" = input.aid
         LEFT JOIN system_user_requests held ON held."altinnRequestId" = input.aid)
     UPDATE bulk_rows b SET status = 'done', "requestId" = req.id, existed = req.existed OR NOT req.fresh,
       "leaseUntil" = NULL, "errorCode" = NULL, "errorMessage" = NULL, "updatedAt" = now()
     FROM req WHERE b.id = req."rowId"
     RETURNING b.id AS "rowId", b."requestId", req.fresh`,
    [
      col((s) => s.requestId),
      col((s) => s.systemRowId),
      col((s) => s.row.customerId),
      col((s) => s.request.id),
      col((s) => s.request.externalRef ?? s.row.externalRef),
      col((s) => s.request.status),
      col((s) => s.request.confirmUrl),
      col((s) => s.request.redirectUrl ?? null),
      col((s) => JSON.stringify(s.request.accessPackages.map((p) => p.urn))),
      col((s) => s.createdById),
      col(createdDetail),
      col((s) => s.existedInAltinn),
      col((s) => s.row.id),
      nextCheckDelayMs(0),
    ],
  );
  return new Map(rows.map((r) => [r.rowId, { requestId: r.requestId, fresh: r.fresh }]));
}

export async function finishRow(rowId: string, outcome: { requestId: string; existed: boolean }): Promise<void> {
  await getPool().query(
    `UPDATE bulk_rows SET status = 'done', "requestId" = $2, existed = $3, "leaseUntil" = NULL, "errorCode" = NULL, "errorMessage" = NULL, "updatedAt" = now() WHERE id = $1`,
    [rowId, outcome.requestId, outcome.existed],
  );
}

/** Back to pending for a later try, or failed for good; either way the lease is given up. */
export async function deferRow(
  rowId: string,
  delayMs: number | null,
  error: { code: string; message: unknown },
): Promise<void> {
  await getPool().query(
    `UPDATE bulk_rows SET status = CASE WHEN $2::bigint IS NULL THEN 'failed'::"BulkRowStatus" ELSE 'pending'::"BulkRowStatus" END,
       "nextAttemptAt" = now() + coalesce($2::bigint, 0) * interval '1 millisecond', "leaseUntil" = NULL,
       "errorCode" = $3, "errorMessage" = $4::jsonb, "updatedAt" = now()
     WHERE id = $1 AND status = 'working'`,
    [rowId, delayMs, error.code, JSON.stringify(error.message)],
  );
}

/** Marks the job done once no row is left to work on (a cancelled job keeps its status, gains an end). */
export async function finishJobIfComplete(jobId: string): Promise<boolean> {
  const { rowCount } = await getPool().query(
    `UPDATE bulk_jobs SET status = CASE WHEN status = 'running' THEN 'done'::"BulkJobStatus" ELSE status END, "finishedAt" = now()
     WHERE id = $1 AND status IN ('running', 'cancelled') AND "finishedAt" IS NULL
       AND NOT EXISTS (SELECT 1 FROM bulk_rows WHERE "jobId" = $1 AND status IN ('pending', 'working'))`,
    [jobId],
  );
  return (rowCount ?? 0) > 0;
}
