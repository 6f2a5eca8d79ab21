import "server-only";
import { db } from "@/lib/core/db";
import { currentTrigger } from "@/lib/core/request-context";
import type { CallLog, CallLogEntry } from "@/lib/integrations/connection";
import { logger } from "@/lib/core/log";
import { metrics } from "@/lib/core/metrics";
import { normaliseRoute } from "@/lib/core/metrics-route";
import { isDatabaseUnavailable } from "@/lib/core/db-errors";

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

/**
 * Records one call. A failure to record must never fail the call itself. While PostgreSQL is away the
 * entry waits in memory with the batched ones (below) and is written when the database is back.
 */
export async function logOutbound(entry: OutboundEntry): Promise<void> {
  observe(entry);
  const triggeredBy = currentTrigger();
  const at = new Date();
  try {
    await db.outboundCall.create({ data: { ...entry, durationMs: Math.round(entry.durationMs), triggeredBy, at } });
  } catch (err) {
    if (worthKeeping(err)) hold([{ ...entry, triggeredBy, at }]);
    else log.warn({ err, method: entry.method, path: entry.path }, "call not recorded");
  }
}

// Bulk jobs make hundreds of calls a second: their entries are written in batches (one statement per
// batch), off the path of the call itself. drainOutboundLog() writes whatever is still buffered.
const BATCH = 200;
const FLUSH_MS = 250;
/** While PostgreSQL is away: how often to try again, and how many entries to keep meanwhile (the oldest go first). */
const RETRY_MS = 1_000;
const MAX_HELD = 20_000;
type Buffered = OutboundEntry & { triggeredBy: string; at: Date };
let buffer: Buffered[] = [];
let timer: NodeJS.Timeout | null = null;
const writing = new Set<Promise<void>>();
let databaseAway = false;

function flush(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = buffer.splice(0, BATCH);
  if (batch.length === 0) return;
  if (buffer.length > 0) timer = setTimeout(flush, 0);
  const write = db.outboundCall
    .createMany({ data: batch.map(({ at, ...e }) => ({ ...e, at, durationMs: Math.round(e.durationMs) })) })
    .then(
      () => {
        databaseAway = false;
      },
      (err: unknown) => {
        if (worthKeeping(err)) hold(batch);
        else log.warn({ err, calls: batch.length }, "calls not recorded");
      },
    )
    .finally(() => writing.delete(write));
  writing.add(write);
}

/**
 * The database is away, or the connection broke inside the insert's own transaction (Prisma then says
 * P2028, "Transaction already closed", and nothing was written: seen when PostgreSQL ended every session).
 */
function worthKeeping(err: unknown): boolean {
  return isDatabaseUnavailable(err) || (err as { code?: unknown } | null)?.code === "P2028";
}

/** Keeps entries the database could not take, in order, and tries again shortly. */
function hold(entries: Buffered[]): void {
  databaseAway = true;
  buffer = [...entries, ...buffer];
  const over = buffer.length - MAX_HELD;
  if (over > 0) {
    buffer.splice(0, over);
    log.error({ dropped: over }, "calls not recorded: the database has been away too long");
  }
  if (timer) clearTimeout(timer);
  timer = setTimeout(flush, RETRY_MS);
}

/** Buffers the entry (with who triggered it and when) and returns at once. */
export function logOutboundInBackground(entry: OutboundEntry): Promise<void> {
  observe(entry);
  buffer.push({ ...entry, triggeredBy: currentTrigger(), at: new Date() });
  if (buffer.length >= BATCH) flush();
  else timer ??= setTimeout(flush, FLUSH_MS);
  return Promise.resolve();
}

/** Writes what is buffered, batch after batch; what the database cannot take now stays held for later. */
export async function drainOutboundLog(): Promise<void> {
  for (;;) {
    flush();
    if (writing.size === 0) return;
    await Promise.all([...writing]);
    if (buffer.length === 0 || databaseAway) return;
  }
}

/** What the integrations are handed (lib/environments/connect.ts): they never import the database. */
export const callLog: CallLog = { record: logOutbound, recordInBackground: logOutboundInBackground };
