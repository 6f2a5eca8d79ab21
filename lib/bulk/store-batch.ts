import "server-only";
import { getPool } from "@/lib/core/db";
import { isDatabaseUnavailable } from "@/lib/core/db-errors";
import { nextCheckDelayMs } from "@/lib/requests/polling";
import { createdDetail, storeRequest, type Store } from "@/lib/bulk/store";

type Stored = { requestId: string | null; fresh: boolean };
type Waiting = { s: Store; resolve: (r: Stored) => void; reject: (err: unknown) => void };

/** Outcomes written in one statement at most; and statements in flight at once. */
const MAX_BATCH = 100;
const MAX_IN_FLIGHT = 2;

/**
 * Writes bulk rows' outcomes in batches, the way a database groups commits: while a write is in flight,
 * the answers that arrive wait and go together in the next one. At a trickle each row is written at
 * once, alone; at c = 25 a statement carries a dozen rows, so its statement-level triggers (the live
 * counter, the dashboard's rollups) and its commit are paid once for all of them. On the embedded
 * database, one connection, that was what kept c = 25 from its bound (47 ms a store, one at a time).
 */
export class StoreBatcher {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  store(s: Store): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ s, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.next();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [one] = batch;
      if (one) await storeRequest(one.s).then(one.resolve, one.reject);
      return;
    }
    try {
      const results = await storeRequests(batch.map((w) => w.s));
      for (const w of batch) w.resolve(results.get(w.s.row.id) ?? { requestId: null, fresh: false });
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      // One row's trouble (a constraint, two rows naming one Altinn request) must not fail the others.
      await Promise.all(batch.map((w) => storeRequest(w.s).then(w.resolve, w.reject)));
    }
  }
}

/**
 * storeRequest (lib/bulk/store.ts) for many rows in one statement: each request (unless we already hold
 * one with its Altinn id), its "created" event, and its row marked done. By row id: our request id and
 * whether it is new.
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
