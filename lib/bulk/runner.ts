import "server-only";
import { db } from "@/lib/core/db";
import { AppError } from "@/lib/core/errors";
import { loadEnvironmentById } from "@/lib/environments/environments";
import { deferRow, finishJobIfComplete, type ClaimedRow } from "@/lib/bulk/store";
import { ClaimQueue } from "@/lib/bulk/claim-queue";
import { askAltinn, storeAnswer, type RowContext } from "@/lib/bulk/row";
import { flushBulkAudit } from "@/lib/bulk/audit";
import { decideRetry } from "@/lib/bulk/retry";
import { JobPause } from "@/lib/bulk/pause";
import { phaseTimer, sleep } from "@/lib/bulk/timing";
import { drainOutboundLog } from "@/lib/calls/log";
import { runAs } from "@/lib/core/request-context";

export type RunOptions = {
  /** How long a claimed row is ours; after that another process may take it (ours died). */
  leaseMs?: number;
  /** Give up waiting for back-off after this long; the schedule resumes the job later. */
  maxIdleMs?: number;
  signal?: AbortSignal;
  /** Overrides the job's own concurrency (the bench varies it). */
  concurrency?: number;
  /** Summed milliseconds per phase (claim, altinn, store, …), for the bench. */
  timings?: Record<string, number>;
};
export type RunReport = { processed: number; created: number; failed: number; retried: number; finished: boolean };

const DEFAULT_LEASE_MS = 60_000;

/**
 * Works one job until no row is left that this process can take. `concurrency` workers keep that many
 * Altinn calls in flight; everything else stays off that path: rows are claimed in batches ahead of
 * need, and each outcome is written while the worker's next call is already on its way. A transient
 * failure (429, 5xx, unreachable) puts the row back with back-off (Retry-After when given) and pauses
 * the whole job, so an outage costs a few calls per pause rather than one per row.
 */
export async function runBulkJob(jobId: string, opts: RunOptions = {}): Promise<RunReport> {
  const report: RunReport = { processed: 0, created: 0, failed: 0, retried: 0, finished: false };
  const job = await db.bulkJob.findUnique({
    where: { id: jobId },
    select: {
      status: true,
      concurrency: true,
      environmentId: true,
      createdById: true,
      createdByLabel: true,
      system: { select: { id: true, systemId: true, accessPackages: true } },
    },
  });
  if (!job || job.status === "draft" || job.status === "done") return report;
  const ctx: RowContext = {
    time: phaseTimer(opts.timings),
    jobId,
    environment: await loadEnvironmentById(job.environmentId),
    system: job.system,
    createdById: job.createdById,
    by: job.createdById
      ? { type: "user", id: job.createdById, label: job.createdByLabel }
      : { type: "system", label: "bulk onboarding" },
  };
  const c = Math.max(1, opts.concurrency ?? job.concurrency);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const maxIdleMs = opts.maxIdleMs ?? 10 * 60_000;
  const queue = new ClaimQueue(jobId, leaseMs, c, ctx.time);
  const stores = new Set<Promise<void>>();
  const pause = new JobPause();

  const fail = async (row: ClaimedRow, err: unknown) => {
    const decision = decideRetry(err, row.attempts);
    const message =
      err instanceof AppError
        ? err.userMessage
        : { nb: "Uventet feil; prøver igjen.", en: "Unexpected error; trying again." };
    const code = err instanceof AppError ? err.code : "unexpected";
    if (!(err instanceof AppError))
      console.warn(`[bulk] row ${row.line} of ${jobId}: ${err instanceof Error ? err.message : String(err)}`);
    if (decision.retry) {
      report.retried++;
      pause.extend(decision.delayMs);
      await deferRow(row.id, decision.delayMs, { code, message });
      await queue.release(); // rows queued here should not sit out the pause under our lease
    } else {
      report.processed++;
      report.failed++;
      await deferRow(row.id, null, { code, message });
    }
  };

  const worker = async () => {
    let idleSince = 0;
    while (!opts.signal?.aborted) {
      if (pause.remainingMs() > 0) {
        await sleep(Math.min(pause.remainingMs(), 1000), opts.signal);
        continue;
      }
      const row = await queue.next();
      if (!row) {
        if (stores.size > 0) {
          await Promise.race(stores);
          continue;
        }
        const next = await ctx.time("idle", () => queue.nextClaimAt());
        if (!next) return;
        idleSince ||= Date.now();
        if (Date.now() - idleSince > maxIdleMs) return;
        await sleep(Math.min(Math.max(next.getTime() - Date.now(), 50), 1000), opts.signal);
        continue;
      }
      idleSince = 0;
      const settle = async (work: () => Promise<void>) => {
        try {
          await work();
          pause.reset();
        } catch (err) {
          await fail(row, err).catch((e: unknown) => console.warn(`[bulk] row ${row.line}: ${String(e)}`));
        }
      };
      let answer: Awaited<ReturnType<typeof askAltinn>> | null = null;
      await settle(async () => {
        answer = await runAs(`bulk ${jobId}`, () => askAltinn(ctx, row));
      });
      const got = answer;
      if (!got) {
        queue.settled(row.id);
        continue;
      }
      const store = settle(async () => {
        const created = await storeAnswer(ctx, row, got);
        report.processed++;
        if (created) report.created++;
      }).finally(() => {
        queue.settled(row.id);
        stores.delete(store);
      });
      stores.add(store);
      if (stores.size >= c) await Promise.race(stores);
    }
  };

  // Chunked audit: one record per batch of finished rows instead of one chain lock per row.
  const done = new AbortController();
  const auditor = (async () => {
    while (!done.signal.aborted) {
      await sleep(1000, done.signal);
      if (!done.signal.aborted)
        await flushBulkAudit(jobId, ctx.by, ctx.environment.id, 100).catch((e: unknown) =>
          console.warn(`[bulk] audit flush: ${String(e)}`),
        );
    }
  })();
  try {
    await Promise.all(Array.from({ length: c }, worker));
    await Promise.all([...stores]);
  } finally {
    done.abort();
    await auditor;
    await queue.close();
    await drainOutboundLog();
  }
  await flushBulkAudit(jobId, ctx.by, ctx.environment.id, 1);
  report.finished = await finishJobIfComplete(jobId);
  return report;
}
