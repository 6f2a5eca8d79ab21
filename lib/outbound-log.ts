import "server-only";
import { db } from "@/lib/db";
import { currentTrigger } from "@/lib/request-context";

export type OutboundEntry = {
  environmentId: string;
  service: "maskinporten" | "altinn" | "digdir";
  method: string;
  path: string;
  status: number | null;
  durationMs: number;
  problemCode?: string | null;
  traceId?: string | null;
  correlationId: string;
};

/** Records one call. A failure to record must never fail the call itself, so it only warns. */
export async function logOutbound(entry: OutboundEntry): Promise<void> {
  try {
    await db.outboundCall.create({ data: { ...entry, durationMs: Math.round(entry.durationMs), triggeredBy: currentTrigger() } });
  } catch (err) {
    console.warn(`[outbound-log] could not record ${entry.method} ${entry.path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
