import "server-only";
import { env } from "@/lib/core/env";
import { openSecret } from "@/lib/core/master-key";
import { eventBody } from "@/lib/events/queries";
import { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule, retryDelayMs } from "@/lib/webhooks/schedule";
import { DEFAULT_TIMEOUT_MS, postWebhook, type AttemptOutcome } from "@/lib/webhooks/send";
import { signatureHeaders, webhookAad } from "@/lib/webhooks/sign";
import { policyFor } from "@/lib/webhooks/ssrf";
import { claimDeliveries, settleFailure, settleSuccess, type ClaimedDelivery } from "@/lib/webhooks/store";
import { logger } from "@/lib/core/log";

export type DeliverOptions = {
  /** Waits before each attempt (default: WEBHOOK_RETRY_SCHEDULE, else the Standard Webhooks schedule). */
  schedule?: readonly number[];
  timeoutMs?: number;
  /** Sends in flight at once, across all endpoints. */
  concurrency?: number;
  /** How long a claimed delivery is ours; after that another process may send it (ours died). */
  leaseMs?: number;
  /** Only these endpoints' deliveries (tests and the benchmark keep to their own). */
  endpointIds?: string[];
  signal?: AbortSignal;
};

export type DeliverReport = { attempted: number; succeeded: number; failed: number; gaveUp: number };

const DEFAULT_CONCURRENCY = 16;
// Several timeouts long: a lease must never run out while its send is still under way.
const DEFAULT_LEASE_MS = 60_000;

export function configuredSchedule(): readonly number[] {
  const text = env().WEBHOOK_RETRY_SCHEDULE;
  return text ? parseRetrySchedule(text) : DEFAULT_RETRY_SCHEDULE_MS;
}

/** The secrets that sign now: the current one, and the previous one while its rotation overlap lasts. */
function signingSecrets(row: ClaimedDelivery): string[] {
  const aad = webhookAad(row.endpointId);
  const secrets = [openSecret(row.secretEnc, aad)];
  if (row.previousSecretEnc && row.previousSecretExpiresAt && row.previousSecretExpiresAt > new Date())
    secrets.push(openSecret(row.previousSecretEnc, aad));
  return secrets;
}

/**
 * One attempt of one claimed delivery, recorded whatever happens: an error of ours (a secret that will
 * not open) is a failed attempt too, so the row never sits in `working` until its lease runs out.
 */
export async function attemptDelivery(
  row: ClaimedDelivery,
  opts: Pick<DeliverOptions, "schedule" | "timeoutMs"> = {},
): Promise<AttemptOutcome> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let outcome: AttemptOutcome;
  try {
    // The event's own id is the message id: the same on every attempt, so receivers can drop repeats.
    const body = JSON.stringify(eventBody({ ...row, id: row.eventId, seq: BigInt(row.seq) }, row.environmentSlug));
    const headers = signatureHeaders(row.eventId, new Date(), body, signingSecrets(row));
    outcome = await postWebhook(row.url, policyFor(row.environmentKind), headers, body, timeoutMs);
  } catch (err) {
    outcome = { ok: false, status: null, latencyMs: 0, excerpt: null, error: `portal error: ${String(err)}` };
  }
  if (outcome.ok) await settleSuccess(row.id, outcome, row.type === "webhook.test");
  else await settleFailure(row.id, outcome, retryDelayMs(opts.schedule ?? configuredSchedule(), row.attempts + 1));
  return outcome;
}

/**
 * Sends everything that is due now, `concurrency` at a time, claiming more as sends finish, and returns
 * when nothing due is left. Rows are the work: any process may run this at any time.
 */
export async function deliverDueWebhooks(opts: DeliverOptions = {}): Promise<DeliverReport> {
  const schedule = opts.schedule ?? configuredSchedule();
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const report: DeliverReport = { attempted: 0, succeeded: 0, failed: 0, gaveUp: 0 };
  const inflight = new Set<Promise<void>>();
  const run = async (row: ClaimedDelivery) => {
    const outcome = await attemptDelivery(row, { schedule, timeoutMs: opts.timeoutMs });
    report.attempted += 1;
    if (outcome.ok) report.succeeded += 1;
    else if (retryDelayMs(schedule, row.attempts + 1) === null) report.gaveUp += 1;
    else report.failed += 1;
  };
  while (!opts.signal?.aborted) {
    const room = concurrency - inflight.size;
    const rows = room > 0 ? await claimDeliveries(room, leaseMs, { endpointIds: opts.endpointIds }) : [];
    for (const row of rows) {
      const p: Promise<void> = run(row)
        .catch((err: unknown) => logger("webhooks").warn(`delivery ${row.id}: ${String(err)}`))
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    if (inflight.size === 0) break;
    await Promise.race(inflight);
  }
  await Promise.all(inflight);
  return report;
}
