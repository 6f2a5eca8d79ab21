import "server-only";
import { kick } from "@/lib/core/jobs/boss";
import { logger } from "@/lib/core/log";
import { onEventEmitted } from "@/lib/events/emit";

// The reminder scan runs every minute by cron; this makes it run on time in between. A timer for the next
// reminder that comes due (per process; the cron covers a process that restarted), and a scan shortly
// after any vendor event (a request accepted: the confirmation goes at once, and no reminder after it).

const AFTER_EVENT_MS = 1_000;
const MAX_TIMER_MS = 60 * 60_000;
const g = globalThis as unknown as { mailWake?: { timer: NodeJS.Timeout | null; at: number; stop: () => void } };

const scan = () =>
  void kick("mail-reminders").catch((err: unknown) => logger("mail").warn(`kick failed: ${String(err)}`));

export function startReminderWakeups(): void {
  if (g.mailWake) return;
  let soon: NodeJS.Timeout | null = null;
  const unlisten = onEventEmitted(() => {
    // Called inside the event's transaction: scan a moment after it committed.
    soon ??= setTimeout(() => {
      soon = null;
      scan();
    }, AFTER_EVENT_MS).unref();
  });
  g.mailWake = {
    timer: null,
    at: Infinity,
    stop: () => {
      unlisten();
      if (soon) clearTimeout(soon);
    },
  };
}

export function stopReminderWakeups(): void {
  const w = g.mailWake;
  g.mailWake = undefined;
  if (!w) return;
  w.stop();
  if (w.timer) clearTimeout(w.timer);
}

/** After a scan: wake again when the next reminder is due (only in a process that runs the workers). */
export function wakeAt(next: Date | null): void {
  const w = g.mailWake;
  if (!w || !next) return;
  const at = next.getTime();
  if (w.timer && w.at <= at && w.at > Date.now()) return;
  if (w.timer) clearTimeout(w.timer);
  const delay = Math.min(Math.max(at - Date.now(), 0) + 500, MAX_TIMER_MS);
  w.at = Date.now() + delay;
  w.timer = setTimeout(() => {
    w.timer = null;
    w.at = Infinity;
    scan();
  }, delay).unref();
}
