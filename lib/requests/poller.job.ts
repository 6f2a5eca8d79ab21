import "server-only";
import { db } from "@/lib/core/db";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { type EnvironmentView } from "@/lib/environments/types";
import { syncRequest } from "@/lib/requests/sync";
import { renewRequestAs } from "@/lib/requests/renew";
import { runAs } from "@/lib/core/request-context";
import { nextCheckAt } from "@/lib/requests/polling";
import { isDatabaseUnavailable } from "@/lib/core/db-errors";
import { logger } from "@/lib/core/log";

const log = logger("poller");

const POLLER = { type: "system", label: "status poller" } as const;
/** Requests read per run; the rest wait for the next minute, oldest-due first. */
const BATCH = 200;
/** Altinn calls in flight at once, so a backlog does not hammer Altinn or our pool. */
const CONCURRENCY = 4;
/**
 * No new read starts after this long; the rest stays due for the next minute's run. With Altinn calls
 * timing out at 20 s, a run then ends within 80 s, inside the queue's 120 s expiry (lib/core/jobs/queues.ts):
 * that expiry is what frees this singleton queue when the process running it is killed.
 */
const RUN_LIMIT_MS = 60_000;

export type PollReport = { checked: number; changed: number; failed: number; renewed: number };

/**
 * Reads every request whose next check is due from Altinn and reschedules it with back-off. A request
 * that is no longer waiting (answered, expired, gone) stops being polled. An Altinn outage only pushes
 * the next check out; nothing is lost, since the state to poll lives in our table. An expired request
 * is renewed when the environment says so (a failed renew is retried by the operator's Renew button).
 */
export async function pollDueRequests(): Promise<PollReport> {
  const due = await db.systemUserRequest.findMany({
    where: { nextCheckAt: { lte: new Date() } },
    orderBy: { nextCheckAt: "asc" },
    take: BATCH,
    select: { id: true, status: true, checkCount: true, system: { select: { environmentId: true } } },
  });
  const environments = new Map<string, Promise<EnvironmentView>>();
  const report: PollReport = { checked: 0, changed: 0, failed: 0, renewed: 0 };
  const queue = [...due];
  const stopAt = Date.now() + RUN_LIMIT_MS;
  const work = async () => {
    for (let row = queue.shift(); row && Date.now() < stopAt; row = queue.shift()) {
      const envId = row.system.environmentId;
      if (!environments.has(envId)) environments.set(envId, loadEnvironmentById(envId));
      try {
        const environment = await environments.get(envId);
        if (!environment) continue;
        const result = await runAs(POLLER.label, () => syncRequest(environment, row.id, POLLER));
        const waiting = result.status === "New" && !result.missingInAltinn;
        await db.systemUserRequest.update({
          where: { id: row.id },
          data: { checkCount: { increment: 1 }, nextCheckAt: waiting ? nextCheckAt(row.checkCount + 1) : null },
        });
        report.checked++;
        if (result.status !== row.status) report.changed++;
        if (result.status === "Timedout" && row.status === "New" && environment.autoRenewExpired) {
          await renewRequestAs(environment.id, row.id, POLLER, "auto");
          report.renewed++;
        }
      } catch (err) {
        report.failed++;
        if (isDatabaseUnavailable(err)) {
          // PostgreSQL is away: what is left stays due, and the next run (within a minute) reads it.
          // Reading more from Altinn now would only fetch answers that cannot be stored.
          if (queue.length > 0) log.warn({ err, left: queue.length }, "database unavailable; poll stopped early");
          queue.length = 0;
          continue;
        }
        log.warn({ err, requestId: row.id }, "request check failed");
        await db.systemUserRequest
          .update({
            where: { id: row.id },
            data: { checkCount: { increment: 1 }, nextCheckAt: nextCheckAt(row.checkCount + 1) },
          })
          .catch(() => undefined);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, work));
  return report;
}
