import "server-only";
import { isDatabaseUnavailable } from "@/lib/core/db-errors";
import { storeRequest, storeRequests, type Store, type Stored } from "@/lib/bulk/store";

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
    const [one] = batch;
    if (batch.length === 1 && one) return storeRequest(one.s).then(one.resolve, one.reject);
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
