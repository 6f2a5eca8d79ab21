import "server-only";
import { db } from "@/lib/core/db";
import { currentTrigger } from "@/lib/core/request-context";
import type { CallLog, CallLogEntry } from "@/lib/integrations/connection";
import { logger } from "@/lib/core/log";
import { metrics } from "@/lib/core/metrics";
import { normaliseRoute } from "@/lib/core/metrics-route";

export type OutboundEntry = CallLogEntry;

const log = logger("outbound");

// Upstream problem codes are a short, known list (AUTH-00007, MP-303 ...); anything else folds into one label.
const errorCode = (e: OutboundEntry) => {
  const code = e.problemCode ?? (e.status === null ? "unreachable" : `http_${e.status}`);
  return /^[A-Za-z0-9._-]{1,40}$/.test(code) ? code : "other";
};

/**
 * Every outbound call passes here (both writers below), so this is the one place its metrics and its
 * log line are made. Failures are logged with the correlation id the call sent, which the call log keeps.
 */
function observe(e: OutboundEntry): void {
  const endpoint = normaliseRoute(e.path);
  const { outboundDuration, outboundErrors } = metrics();
  outboundDuration.observe({ api: e.service, endpoint, status: String(e.status ?? "none") }, e.durationMs / 1000);
  if (e.status !== null && e.status < 400) return;
  const code = errorCode(e);
  outboundErrors.inc({ api: e.service, code });
  const fields = { api: e.service, method: e.method, endpoint, status: e.status, code, ms: Math.round(e.durationMs) };
  const ids = { correlationId: e.correlationId, traceId: e.traceId ?? undefined, environmentId: e.environmentId };
  // A 4xx is usually an answer the caller handles (not found, refused input); no answer or a 5xx is an outage.
  if (e.status === null || e.status >= 500) log.warn({ ...fields, ...ids }, "outbound call failed");
  else log.info({ ...fields, ...ids }, "outbound call refused");
}

/** Records one call. A failure to record must never fail the call itself, so it only warns. */
export async function logOutbound(entry: OutboundEntry): Promise<void> {
  observe(entry);
  try {
    await db.outboundCall.create({
      data: { ...entry, durationMs: Math.round(entry.durationMs), triggeredBy: currentTrigger() },
    });
  } catch (err) {
    console.warn(
      `[outbound-log] could not record ${entry.method} ${entry.path}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

// Bulk jobs make hundreds of calls a second: their entries are written in batches (one statement per
// batch), off the path of the call itself. drainOutboundLog() writes whatever is still buffered.
const BATCH = 200;
const FLUSH_MS = 250;
let buffer: (OutboundEntry & { triggeredBy: string; at: Date })[] = [];
let timer: NodeJS.Timeout | null = null;
const writing = new Set<Promise<void>>();

function flush(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = buffer;
  buffer = [];
  if (batch.length === 0) return;
  const write = db.outboundCall
    .createMany({ data: batch.map(({ at, ...e }) => ({ ...e, at, durationMs: Math.round(e.durationMs) })) })
    .then(
      () => undefined,
      (err: unknown) =>
        console.warn(
          `[outbound-log] could not record ${batch.length} calls: ${err instanceof Error ? err.message : String(err)}`,
        ),
    )
    .finally(() => writing.delete(write));
  writing.add(write);
}

/** Buffers the entry (with who triggered it and when) and returns at once. */
export function logOutboundInBackground(entry: OutboundEntry): Promise<void> {
  observe(entry);
  buffer.push({ ...entry, triggeredBy: currentTrigger(), at: new Date() });
  if (buffer.length >= BATCH) flush();
  else timer ??= setTimeout(flush, FLUSH_MS);
  return Promise.resolve();
}

export async function drainOutboundLog(): Promise<void> {
  flush();
  while (writing.size > 0) await Promise.all([...writing]);
}

/** What the integrations are handed (lib/environments/connect.ts): they never import the database. */
export const callLog: CallLog = { record: logOutbound, recordInBackground: logOutboundInBackground };
