import { backoffMs } from "@/lib/bulk/retry";

/**
 * The job-wide pause after a transient failure (429, 5xx, unreachable). The whole job waits, so an
 * outage costs a few calls per pause rather than one per row: Retry-After as given, else back-off on the
 * job's run of pauses (the calls in flight when Altinn went down count as one).
 */
export class JobPause {
  private until = 0;
  /** Pauses since the last success: the back-off exponent. */
  private streak = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  remainingMs(): number {
    return this.until - this.now();
  }

  /** A failure asking for `delayMs`; it starts a new pause only if none is on, else it may lengthen it. */
  extend(delayMs: number): void {
    const now = this.now();
    if (this.until <= now) this.streak++;
    this.until = Math.max(this.until, now + Math.max(delayMs, backoffMs(this.streak, this.random)));
  }

  /** A success ends the run of pauses (a pause already on still runs out). */
  reset(): void {
    this.streak = 0;
  }
}
