import "server-only";
import { db } from "@/lib/core/db";
import { currentTrigger } from "@/lib/core/request-context";
import type { CallLog, CallLogEntry } from "@/lib/integrations/connection";

export type OutboundEntry = CallLogEntry;

/** Records one call. A failure to record must never fail the call itself, so it only warns. */
export async function logOutbound(entry: OutboundEntry): Promise<void> {
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
