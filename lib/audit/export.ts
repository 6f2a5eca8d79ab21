import "server-only";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import type { Scope } from "@/lib/environments/types";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { osloDate } from "@/lib/audit/oslo-day";
import { planSearch, readSlice } from "@/lib/audit/search";
import { activeFilters, type AuditFilter } from "@/lib/audit/search-schema";
import { csvHeaderLine, csvLine, jsonLine, type ExportFormat } from "@/lib/audit/export-format";

export const EXPORT_BATCH = 1000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/jsonl; charset=utf-8",
};

/**
 * The filtered log as a file, oldest first, read in keyset batches only as fast as the client takes
 * them (the stream pulls the next batch when the previous one has been read), so a million events never
 * sit in memory. It covers the log as it was when asked; the export itself is audited before anything
 * is sent, so a download cut short is on record too.
 */
export async function exportAuditLog(
  { actor, environment }: Scope,
  filter: AuditFilter,
  format: ExportFormat,
  { batch = EXPORT_BATCH }: { batch?: number } = {},
): Promise<{ body: ReadableStream<Uint8Array>; fileName: string; contentType: string }> {
  assertCan(actor, "audit.read");
  const [newest, plan] = await Promise.all([
    db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }),
    planSearch(environment.id, filter),
  ]);
  await recordAudit({
    actor: auditActor(actor),
    action: "audit.export",
    target: { type: "audit_log", id: environment.slug },
    outcome: "success",
    environmentId: environment.id,
    detail: { format, filters: activeFilters(filter) },
  });
  // `before` (a page's cursor, if a link carries one) is an upper bound like the moment of asking.
  const cap = filter.before ? BigInt(filter.before) : null;
  const below = newest ? (cap !== null && cap <= newest.seq ? cap : newest.seq + 1n) : null;
  const line = format === "csv" ? csvLine : jsonLine;
  const encoder = new TextEncoder();
  let above: bigint | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // The BOM makes Excel read UTF-8 (as the customers export does).
        if (format === "csv") controller.enqueue(encoder.encode(`\uFEFF${csvHeaderLine()}`));
        if (!plan || below === null) controller.close();
      },
      async pull(controller) {
        if (!plan || below === null) return;
        const rows = await readSlice(plan, { order: "asc", above, below, limit: batch });
        if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(line).join("")));
        const last = rows.at(-1);
        if (!last || rows.length < batch) controller.close();
        else above = last.seq;
      },
    },
    // One batch waiting at most: the next is read when the client has taken it.
    { highWaterMark: 1 },
  );
  return {
    body,
    fileName: `audit-${environment.slug}-${osloDate(new Date())}.${format}`,
    contentType: CONTENT_TYPES[format],
  };
}
