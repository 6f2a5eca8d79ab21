import "server-only";
import { AppError, type LocalizedText } from "@/lib/core/errors";
import { runAs } from "@/lib/core/request-context";
import { drainOutboundLog } from "@/lib/calls/log";
import { deferRow, finishJobIfComplete, type ClaimedRow } from "@/lib/bulk/store";
import { askAltinn, storeAnswer, type Answer, type RowContext } from "@/lib/bulk/row";
import { flushBulkAudit, flushBulkAuditWhileRunning } from "@/lib/bulk/audit";
import { decideRetry } from "@/lib/bulk/retry";
import { ClaimQueue } from "@/lib/bulk/claim-queue";
import { StoreBatcher } from "@/lib/bulk/store-batch";
import { JobPause } from "@/lib/bulk/pause";
import { sleep } from "@/lib/bulk/timing";
import { isDatabaseUnavailable } from "@/lib/core/db-errors";
import { logger } from "@/lib/core/log";

/** How often a worker looks again for PostgreSQL while it is away. */
const DB_WAIT_MS = 1_000;
/** How long a row in hand waits for PostgreSQL to come back: well within its 60 s lease. */
const DB_WAIT_LIMIT_MS = 40_000;
/**
 * Outcomes being written, per worker, before a worker waits for one to land. The writes go in groups
 * (StoreBatcher), so a group in flight can hold c rows at once: with a backlog of only c the workers
 * stalled behind every slow commit (PGlite, c = 25). Four groups' worth still bounds what is held.
 */
const STORE_BACKLOG = 4;

export type RunReport = { processed: number; created: number; failed: number; retried: number; finished: boolean };
export type RunLimits = { concurrency: number; leaseMs: number; maxIdleMs: number; signal?: AbortSignal };

/**
 * One run of one job in this process. `concurrency` workers keep that many Altinn calls in flight;
 * everything else stays off that path: rows are claimed in batches ahead of need (ClaimQueue), and each
 * outcome is written while the worker's next call is already on its way. A transient failure (429, 5xx,
 * unreachable) puts the row back with back-off (Retry-After when given) and pauses the whole job
 * (JobPause), so an outage costs a few calls per pause rather than one per row.
 */
export class JobRun {
  private readonly report: RunReport = { processed: 0, created: 0, failed: 0, retried: 0, finished: false };
  private readonly queue: ClaimQueue;
  private readonly pause = new JobPause();
  /** Outcomes being written. A worker waits when 4c are, so writes cannot fall ever further behind. */
  private readonly storing = new Set<Promise<void>>();
  /** Outcomes written together while a write is in flight (lib/bulk/store-batch.ts). */
  private readonly batcher = new StoreBatcher();

  constructor(
    private readonly ctx: RowContext,
    private readonly limits: RunLimits,
  ) {
    this.queue = new ClaimQueue(ctx.jobId, limits.leaseMs, limits.concurrency, ctx.time);
  }

  /** Works until no row is left that this process can take (or the signal stops it), then reports. */
  async run(): Promise<RunReport> {
    const { jobId, by, environment } = this.ctx;
    const auditor = flushBulkAuditWhileRunning(jobId, by, environment.id);
    try {
      await Promise.all(Array.from({ length: this.limits.concurrency }, () => this.work()));
      await Promise.all([...this.storing]);
    } finally {
      await auditor.stop();
      await this.queue.close();
      await drainOutboundLog();
    }
    await flushBulkAudit(jobId, by, environment.id, 1);
    this.report.finished = await finishJobIfComplete(jobId);
    return this.report;
  }

  /**
   * One worker: one Altinn call at a time, unless the job is paused or nothing is due. While PostgreSQL
   * is away (a restart, a failover) it waits for it: the rows stay leased to this run, and ending the run
   * would leave them to sit out their lease before anyone took them up again.
   */
  private async work(): Promise<void> {
    const idle = { since: 0 };
    while (!this.limits.signal?.aborted) {
      try {
        if (!(await this.step(idle))) return;
      } catch (err) {
        if (!isDatabaseUnavailable(err)) throw err;
        await sleep(DB_WAIT_MS, this.limits.signal);
      }
    }
  }

  /** False when this worker is done. */
  private async step(idle: { since: number }): Promise<boolean> {
    if (this.pause.remainingMs() > 0) {
      await sleep(Math.min(this.pause.remainingMs(), 1000), this.limits.signal);
      return true;
    }
    const row = await this.queue.next();
    if (row) {
      idle.since = 0;
      await this.startRow(row);
    } else if (this.storing.size > 0) {
      // A row still being written may yet come back (a failed write is retried): wait for it before
      // asking the database whether anything is left.
      await Promise.race(this.storing);
    } else if (!(await this.waitForDueRow(idle))) {
      return false;
    }
    return true;
  }

  /** False when no row will come, or none has for maxIdleMs: the schedule resumes the job later. */
  private async waitForDueRow(idle: { since: number }): Promise<boolean> {
    const next = await this.ctx.time("idle", () => this.queue.nextClaimAt());
    if (!next) return false;
    idle.since ||= Date.now();
    if (Date.now() - idle.since > this.limits.maxIdleMs) return false;
    await sleep(Math.min(Math.max(next.getTime() - Date.now(), 50), 1000), this.limits.signal);
    return true;
  }

  /** Asks Altinn now; writes the answer in the background so this worker's next call can start. */
  private async startRow(row: ClaimedRow): Promise<void> {
    const answer = await this.attempt(row, () => runAs(`bulk ${this.ctx.jobId}`, () => askAltinn(this.ctx, row)));
    if (!answer) return this.queue.settled(row.id);
    const store = this.attempt(row, () => this.storeRow(row, answer)).finally(() => {
      this.queue.settled(row.id);
      this.storing.delete(store);
    });
    this.storing.add(store);
    if (this.storing.size >= STORE_BACKLOG * this.limits.concurrency) await Promise.race(this.storing);
  }

  private async storeRow(row: ClaimedRow, answer: Answer): Promise<void> {
    const created = await storeAnswer(this.ctx, row, answer, this.batcher);
    this.report.processed++;
    if (created) this.report.created++;
  }

  /** One step of a row. A success ends the job's run of pauses; a failure is recorded on the row, not thrown. */
  private async attempt<T>(row: ClaimedRow, step: () => Promise<T>): Promise<T | undefined> {
    const giveUpAt = Date.now() + DB_WAIT_LIMIT_MS;
    for (;;) {
      try {
        const result = await step();
        this.pause.reset();
        return result;
      } catch (err) {
        // PostgreSQL is away (a restart, a failover): the row's lease is ours, so keep it (and Altinn's
        // answer, if we have it) and take the same step again once the database answers, rather than
        // leave the row to sit out its lease. Asking Altinn twice is safe: it answers with the request it has.
        if (isDatabaseUnavailable(err) && Date.now() < giveUpAt && !this.limits.signal?.aborted) {
          await sleep(DB_WAIT_MS, this.limits.signal);
          continue;
        }
        await this.fail(row, err).catch((e: unknown) => logger("bulk").warn(`row ${row.line}: ${String(e)}`));
        return undefined;
      }
    }
  }

  private async fail(row: ClaimedRow, err: unknown): Promise<void> {
    const decision = decideRetry(err, row.attempts);
    const error = rowError(err);
    if (!(err instanceof AppError))
      logger("bulk").warn(`row ${row.line} of ${this.ctx.jobId}: ${err instanceof Error ? err.message : String(err)}`);
    if (decision.retry) {
      this.report.retried++;
      this.pause.extend(decision.delayMs);
      await deferRow(row.id, decision.delayMs, error);
      await this.queue.release(); // rows queued here should not sit out the pause under our lease
    } else {
      this.report.processed++;
      this.report.failed++;
      await deferRow(row.id, null, error);
    }
  }
}

/** What the row shows: the error's own explanation, else a generic one (the detail goes to the log). */
function rowError(err: unknown): { code: string; message: LocalizedText } {
  if (err instanceof AppError) return { code: err.code, message: err.userMessage };
  return { code: "unexpected", message: { nb: "Uventet feil; prøver igjen.", en: "Unexpected error; trying again." } };
}
