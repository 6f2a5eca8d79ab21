import "server-only";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor, type AuditInput } from "@/lib/audit/record";
import { sleep } from "@/lib/bulk/timing";
import { logger } from "@/lib/core/log";

const CHUNK = 200;

type FinishedRow = {
  id: string;
  orgNo: string;
  status: string;
  requestId: string | null;
  existed: boolean | null;
  errorCode: string | null;
};

/**
 * One audit record for a batch of finished rows (which requests were created, which failed), taken
 * under SKIP LOCKED so two processes never record the same row. Rows finished but not yet recorded
 * when a process dies are recorded by whoever resumes the job.
 */
export async function flushBulkAudit(
  jobId: string,
  by: AuditActor,
  environmentId: string,
  minRows: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.$transaction((tx) => auditBatch(tx, jobId, by, environmentId, minRows));
    total += n;
    if (n < CHUNK) return total;
  }
}

/** Records up to CHUNK finished rows and flags them audited; none when fewer than `minRows` are ready. */
async function auditBatch(
  tx: Prisma.TransactionClient,
  jobId: string,
  by: AuditActor,
  environmentId: string,
  minRows: number,
): Promise<number> {
  const rows = await tx.$queryRawUnsafe<FinishedRow[]>(
    `SELECT id, "orgNo", status::text AS status, "requestId", existed, "errorCode" FROM bulk_rows
     WHERE "jobId" = $1::uuid AND status IN ('done', 'failed') AND NOT audited ORDER BY line LIMIT ${CHUNK} FOR UPDATE SKIP LOCKED`,
    jobId,
  );
  if (rows.length < minRows || rows.length === 0) return 0;
  const job = await tx.bulkJob.findUniqueOrThrow({
    where: { id: jobId },
    select: { system: { select: { systemId: true } } },
  });
  await recordAudit({ ...batchRecord(jobId, by, environmentId, rows), subject: { systemId: job.system.systemId } }, tx);
  await tx.bulkRow.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { audited: true } });
  return rows.length;
}

function batchRecord(jobId: string, by: AuditActor, environmentId: string, rows: FinishedRow[]): AuditInput {
  const done = rows.filter((r) => r.status === "done");
  const failed = rows.filter((r) => r.status === "failed");
  return {
    actor: by,
    action: "bulk.requests",
    target: { type: "bulk_job", id: jobId },
    outcome: failed.length > 0 && done.length === 0 ? "failure" : "success",
    environmentId,
    detail: {
      via: "bulk",
      created: done.filter((r) => !r.existed).length,
      existing: done.filter((r) => r.existed).length,
      failed: failed.length,
      requests: done.map((r) => ({ orgNo: r.orgNo, requestId: r.requestId, existed: r.existed })),
      failures: failed.map((r) => ({ orgNo: r.orgNo, code: r.errorCode })),
    },
  };
}

/**
 * Chunked audit while a job runs: every second, one record per batch of at least 100 finished rows
 * instead of one chain lock per row. `stop` waits for a flush under way; the caller then records the rest.
 */
export function flushBulkAuditWhileRunning(
  jobId: string,
  by: AuditActor,
  environmentId: string,
): { stop: () => Promise<void> } {
  const done = new AbortController();
  const loop = (async () => {
    while (!done.signal.aborted) {
      await sleep(1000, done.signal);
      if (!done.signal.aborted)
        await flushBulkAudit(jobId, by, environmentId, 100).catch((e: unknown) =>
          logger("bulk").warn(`audit flush: ${String(e)}`),
        );
    }
  })();
  return {
    stop: async () => {
      done.abort();
      await loop;
    },
  };
}
