import "server-only";
import { claimRows, jobStatus, nextClaimAt, releaseRows, type ClaimedRow } from "@/lib/bulk/store";
import type { Timer } from "@/lib/bulk/row";
import { logger } from "@/lib/core/log";

/**
 * The rows this process holds under lease, claimed in batches ahead of need so a worker seldom waits for
 * the database. Claims go through store.ts (FOR UPDATE SKIP LOCKED), so other processes on the same job
 * take other rows; a row stays held from its claim until the runner settles it.
 */
export class ClaimQueue {
  /** Claimed and not yet handed to a worker. */
  private readonly queued: ClaimedRow[] = [];
  /** Claimed here and not yet settled: queued or in flight. */
  private readonly held = new Set<string>();
  /** The one claim under way, if any. */
  private refilling: Promise<void> | null = null;

  constructor(
    private readonly jobId: string,
    private readonly leaseMs: number,
    private readonly concurrency: number,
    private readonly time: Timer,
  ) {}

  /** The next row to work on. Tops up in the background when fewer than c are queued; waits only when none is. */
  async next(): Promise<ClaimedRow | undefined> {
    if (this.queued.length < this.concurrency)
      void this.refill().catch((e: unknown) => logger("bulk").warn(`claim: ${String(e)}`));
    if (this.queued.length === 0) await this.refilling?.catch(() => undefined);
    return this.queued.shift();
  }

  /** The row's outcome is written (or it went back): this process no longer holds it. */
  settled(rowId: string): void {
    this.held.delete(rowId);
  }

  /** When another row can be claimed; rows held here do not count, their lease is ours. */
  nextClaimAt(): Promise<Date | null> {
    return nextClaimAt(this.jobId, [...this.held]);
  }

  /** Gives the queued rows back (pending again, or cancelled with the job); rows in flight stay held. */
  async release(): Promise<void> {
    const rows = this.queued.splice(0);
    await releaseRows(rows.map((r) => r.id));
    for (const r of rows) this.held.delete(r.id);
  }

  /** On stop: lets a claim under way land, then gives back whatever never reached a worker. */
  async close(): Promise<void> {
    await this.refilling?.catch(() => undefined);
    await this.release().catch((e: unknown) => logger("bulk").warn(`release: ${String(e)}`));
  }

  private refill(): Promise<void> {
    return (this.refilling ??= this.claim().finally(() => {
      this.refilling = null;
    }));
  }

  // Claims up to 2c rows ahead; a short claim may mean the job was cancelled: then the rows queued
  // here never reached Altinn and are cancelled too.
  private async claim(): Promise<void> {
    const want = 2 * this.concurrency - this.queued.length;
    const rows = want > 0 ? await this.time("claim", () => claimRows(this.jobId, this.leaseMs, want)) : [];
    for (const r of rows) this.held.add(r.id);
    this.queued.push(...rows);
    if (rows.length < want && this.queued.length > 0 && (await jobStatus(this.jobId)) === "cancelled")
      await this.release();
  }
}
