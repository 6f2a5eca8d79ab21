import "server-only";
import { kick } from "@/lib/core/jobs/boss";
import { onEventEmitted } from "@/lib/events/emit";
import { deliverDueWebhooks, type DeliverOptions } from "@/lib/webhooks/deliver";
import { nextDueAt } from "@/lib/webhooks/store";
import { logger } from "@/lib/core/log";

// The queue's job says only "send what is due". Its handler wakes this process's pump, which sends in
// the background and returns at once, so a slow receiver never holds the queue. The pump sleeps until
// the next retry comes due (or a minute, when the cron wakes it anyway); rows are claimed under lease,
// so pumps in several processes never send one attempt twice.

// Retries further out than this are left to the every-minute schedule.
const MAX_SLEEP_MS = 60_000;
// The listener runs inside the event's transaction, before it commits: wake soon after (most commits take
// a few ms), and again a while after the last event of a burst, for a transaction that took longer.
const SOON_MS = 15;
const RECHECK_MS = 500;

class Pump {
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly abort = new AbortController();

  constructor(private readonly opts: DeliverOptions) {}

  wake(): void {
    if (this.abort.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.loop()
      .catch((err: unknown) => logger("webhooks").warn(`delivery run failed: ${String(err)}`))
      .finally(() => {
        this.running = null;
        if (this.again) this.wake();
      });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await deliverDueWebhooks({ ...this.opts, signal: this.abort.signal });
    } while (this.again && !this.abort.signal.aborted);
    const next = await nextDueAt();
    if (!next || this.abort.signal.aborted) return;
    const wait = Math.max(next.getTime() - Date.now(), 20);
    if (wait <= MAX_SLEEP_MS) this.timer = setTimeout(() => this.wake(), wait).unref();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}

const g = globalThis as unknown as { webhookPump?: Pump; webhookUnlisten?: () => void };

/** Starts this process's pump and wakes it after every emitted event (lib/jobs/worker.ts calls this). */
export function startDeliveryPump(opts: DeliverOptions = {}): void {
  if (g.webhookPump) return;
  g.webhookPump = new Pump(opts);
  let soon: NodeJS.Timeout | null = null;
  let late: NodeJS.Timeout | null = null;
  const wake = () => g.webhookPump?.wake();
  // Debounced: a burst of events costs a wake every SOON_MS, not one per event.
  const unlisten = onEventEmitted(() => {
    soon ??= setTimeout(() => {
      soon = null;
      wake();
    }, SOON_MS).unref();
    if (late) clearTimeout(late);
    late = setTimeout(() => {
      late = null;
      wake();
    }, RECHECK_MS).unref();
  });
  g.webhookUnlisten = () => {
    unlisten();
    if (soon) clearTimeout(soon);
    if (late) clearTimeout(late);
  };
}

export async function stopDeliveryPump(): Promise<void> {
  g.webhookUnlisten?.();
  g.webhookUnlisten = undefined;
  const pump = g.webhookPump;
  g.webhookPump = undefined;
  await pump?.stop();
}

/** The `webhooks` queue's handler (and the cron's): send what is due, in the background. */
export async function wakeDeliveries(): Promise<void> {
  g.webhookPump?.wake();
}

/**
 * For code that has just made deliveries due (replay, test event): this process's pump when it has one,
 * else the queue, so whichever process works it picks them up.
 */
export async function requestDelivery(): Promise<void> {
  if (g.webhookPump) g.webhookPump.wake();
  else await kick("webhooks").catch((err: unknown) => logger("webhooks").warn(`kick failed: ${String(err)}`));
}
