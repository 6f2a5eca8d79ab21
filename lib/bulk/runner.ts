import "server-only";
import { db } from "@/lib/core/db";
import { loadEnvironmentById } from "@/lib/environments/queries";
import type { RowContext, Timer } from "@/lib/bulk/row";
import { JobRun, type RunReport } from "@/lib/bulk/job-run";
import { phaseTimer } from "@/lib/bulk/timing";

export type { RunReport };
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

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_MAX_IDLE_MS = 10 * 60_000;

/**
 * Works one job until no row is left that this process can take: `concurrency` Altinn calls in flight,
 * rows claimed ahead under a lease, the whole job paused on 429/5xx (see JobRun). A job that is a draft
 * or already done is left alone.
 */
export async function runBulkJob(jobId: string, opts: RunOptions = {}): Promise<RunReport> {
  const job = await loadJob(jobId, phaseTimer(opts.timings));
  if (!job) return { processed: 0, created: 0, failed: 0, retried: 0, finished: false };
  return new JobRun(job.ctx, {
    concurrency: Math.max(1, opts.concurrency ?? job.concurrency),
    leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
    maxIdleMs: opts.maxIdleMs ?? DEFAULT_MAX_IDLE_MS,
    signal: opts.signal,
  }).run();
}

/** What every row needs, read once per run: the system, the environment and who started the job. */
async function loadJob(jobId: string, time: Timer): Promise<{ ctx: RowContext; concurrency: number } | null> {
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
  if (!job || job.status === "draft" || job.status === "done") return null;
  const ctx: RowContext = {
    time,
    jobId,
    environment: await loadEnvironmentById(job.environmentId),
    system: job.system,
    createdById: job.createdById,
    by: job.createdById
      ? { type: "user", id: job.createdById, label: job.createdByLabel }
      : { type: "system", label: "bulk onboarding" },
  };
  return { ctx, concurrency: job.concurrency };
}
