import "server-only";
import { getBoss, stopBoss } from "@/lib/core/jobs/boss";
import { isShuttingDown, onShutdown, shutdownTimeoutMs } from "@/lib/core/lifecycle";
import { KICK_ON_START, SCHEDULES, type QueueName } from "@/lib/core/jobs/queues";
import { logger } from "@/lib/core/log";
import { setWorkersRunning } from "@/lib/core/jobs/running";
import { isDatabaseUnavailable } from "@/lib/core/db-errors";
import type PgBoss from "pg-boss";

type Handler = (data: unknown) => Promise<unknown>;

// Imported lazily so a queue's code loads only in the process that works it.
const HANDLERS: Record<QueueName, () => Promise<Handler>> = {
  "requests-poll": async () => (await import("@/lib/requests/poller.job")).pollDueRequests,
  reconcile: async () => (await import("@/lib/reconciliation/run.job")).runReconciliation,
  "client-assign": async () => {
    const m = await import("@/lib/clients/assign.job");
    return () => m.processAssignJobs();
  },
  "bulk-onboarding": async () => (await import("@/lib/bulk/resume.job")).workOnBulkJobs,
  "key-expiry": async () => {
    const m = await import("@/lib/keys/expiring.job");
    return () => m.emitKeyExpiryEvents();
  },
  "audit-checkpoint": async () => (await import("@/lib/audit/checkpoints")).checkpointDueChains,
  "audit-nightly": async () => (await import("@/lib/audit/nightly.job")).auditNightly,
  webhooks: async () => (await import("@/lib/webhooks/deliver.job")).wakeDeliveries,
  mail: async () => (await import("@/lib/mail/deliver.job")).sendDueMail,
  "mail-reminders": async () => {
    const m = await import("@/lib/mail/reminders.job");
    return () => m.queueDueReminders();
  },
};

const log = logger("jobs");

/** How long a finished job waits for PostgreSQL to come back to record its outcome. */
const RECORD_WAIT_MS = 120_000;

/**
 * pg-boss records a job's outcome after its handler returns. If PostgreSQL is away just then (a restart,
 * a failover), the job stays "active" until its expireInSeconds, and a singleton queue (the status poll,
 * reconciliation, …) stands still that long: seen as 5 minutes without status checks after a 6-second
 * outage. So the outcome is recorded here first, once the database answers; pg-boss's own write after
 * it then finds the job no longer active and changes nothing.
 */
async function recordOutcome(
  boss: PgBoss,
  name: QueueName,
  id: string,
  outcome: { failure: unknown } | null,
): Promise<void> {
  const giveUpAt = Date.now() + RECORD_WAIT_MS;
  for (;;) {
    try {
      if (outcome) {
        const { failure } = outcome;
        await boss.fail(name, id, { message: failure instanceof Error ? failure.message : String(failure) });
      } else await boss.complete(name, id);
      return;
    } catch (err) {
      if (!isDatabaseUnavailable(err) || Date.now() > giveUpAt || isShuttingDown()) return;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }
}

/** Registers every handler and cron schedule; called once per portal process (instrumentation.ts). */
export async function startWorkers(): Promise<void> {
  const boss = await getBoss();
  // Before the handlers: the sender must exist when the first "webhooks" job (or emitted event) arrives.
  (await import("@/lib/webhooks/deliver.job")).startDeliveryPump();
  (await import("@/lib/mail/reminders-wake")).startReminderWakeups();
  for (const [name, load] of Object.entries(HANDLERS) as [QueueName, () => Promise<Handler>][]) {
    const handler = await load();
    await boss.work(name, { pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) {
        let outcome: { failure: unknown } | null = null;
        try {
          await handler(job.data);
        } catch (err) {
          log.error({ err, queue: name, jobId: job.id }, "job failed");
          outcome = { failure: err };
        }
        await recordOutcome(boss, name, job.id, outcome);
        if (outcome) throw outcome.failure;
      }
    });
  }
  for (const s of SCHEDULES) await boss.schedule(s.name, s.cron);
  for (const name of KICK_ON_START) await boss.send(name, {});
  setWorkersRunning(true);
  log.info({ queues: Object.keys(HANDLERS) }, "workers started");
  onShutdown("jobs", stopJobs);
}

/**
 * SIGTERM (scripts/server.ts through lib/core/lifecycle.ts): first no new jobs (pg-boss stops fetching and
 * lets running handlers finish, bounded), then the background work those handlers started: bulk runners
 * finish the row in hand and give back the rows they had claimed ahead, webhook sends finish.
 */
async function stopJobs(): Promise<void> {
  await stopBoss(shutdownTimeoutMs());
  setWorkersRunning(false);
  await stopWorkers();
}

/** Stops background work this process started outside pg-boss's own loop (bulk jobs, webhook sends). */
export async function stopWorkers(): Promise<void> {
  setWorkersRunning(false);
  await (await import("@/lib/bulk/resume.job")).stopBulkRunners();
  await (await import("@/lib/webhooks/deliver.job")).stopDeliveryPump();
  (await import("@/lib/mail/reminders-wake")).stopReminderWakeups();
}
