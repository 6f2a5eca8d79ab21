import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { AuditActor } from "@/lib/audit";
import { createStandardRequest } from "@/lib/altinn/requests";
import { isAllowedConfirmUrl, loadEnvironmentById, type EnvironmentView } from "@/lib/dal/environments";
import { callbackUrl, createOrReuseRequest } from "@/lib/dal/request-sync";
import { claimRow, deferRow, finishJobIfComplete, finishRow, nextClaimAt, storeRequest, type ClaimedRow } from "@/lib/dal/bulk-store";
import { flushBulkAudit } from "@/lib/dal/bulk-audit";
import { backoffMs, decideRetry } from "@/lib/bulk/retry";
import { runAs } from "@/lib/request-context";

export type RunOptions = {
  /** How long a claimed row is ours; after that another process may take it (ours died). */
  leaseMs?: number;
  /** Give up waiting for back-off after this long; the schedule resumes the job later. */
  maxIdleMs?: number;
  signal?: AbortSignal;
  /** Overrides the job's own concurrency (the bench varies it). */
  concurrency?: number;
};
export type RunReport = { processed: number; created: number; failed: number; retried: number; finished: boolean };

const DEFAULT_LEASE_MS = 60_000;
const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  const t = setTimeout(resolve, Math.max(0, ms));
  signal?.addEventListener("abort", () => { clearTimeout(t); resolve(); }, { once: true });
});

type Context = { jobId: string; environment: EnvironmentView; system: { id: string; systemId: string; accessPackages: string[] }; by: AuditActor; createdById: string | null };

/** One Altinn call and one store per row; the fast path covers everything but a rejected or foreign-host answer. */
async function processRow(ctx: Context, row: ClaimedRow): Promise<"created" | "existing"> {
  const ref = randomUUID();
  const { request, existed } = await createStandardRequest(ctx.environment, {
    systemId: ctx.system.systemId, partyOrgNo: row.orgNo, externalRef: row.externalRef, accessPackages: ctx.system.accessPackages, redirectUrl: callbackUrl(ref),
  });
  if (request.status === "Rejected" || request.status === "Denied" || !isAllowedConfirmUrl(ctx.environment, request.confirmUrl)) {
    // Rare: the one-by-one path renews a rejected request or refuses a foreign confirm host, with its own audit.
    const slow = await createOrReuseRequest(ctx.environment, ctx.system, row.orgNo, ctx.by, "bulk");
    await finishRow(row.id, { requestId: slow.id, existed: slow.existed });
    return slow.existed ? "existing" : "created";
  }
  // A request Altinn already had (we crashed before storing it) keeps the ref its redirect URL carries.
  const refInAltinn = URL.canParse(request.redirectUrl ?? "") ? new URL(request.redirectUrl ?? "").searchParams.get("ref") : null;
  const requestId = existed && refInAltinn && /^[0-9a-f-]{36}$/i.test(refInAltinn) ? refInAltinn : ref;
  const stored = await storeRequest({ row, requestId, systemRowId: ctx.system.id, createdById: ctx.createdById, request, existedInAltinn: existed, jobId: ctx.jobId });
  if (!stored.requestId) {
    // Another process stored the same Altinn request in this very instant; the next try reads it.
    throw new AppError("bulk_store_race", { nb: "Lagringen kolliderte; prøver igjen.", en: "Storing collided; trying again." }, 503);
  }
  return stored.fresh && !existed ? "created" : "existing";
}

/**
 * Works one job until no row is left that this process can take: `concurrency` workers each claim a
 * row, call Altinn and store the outcome. A transient failure (429, 5xx, unreachable) puts the row back
 * with back-off (Retry-After when Altinn gives one) and pauses the whole job for as long, so an outage
 * costs one failed call per pause rather than one per row.
 */
export async function runBulkJob(jobId: string, opts: RunOptions = {}): Promise<RunReport> {
  const report: RunReport = { processed: 0, created: 0, failed: 0, retried: 0, finished: false };
  const job = await db.bulkJob.findUnique({
    where: { id: jobId },
    select: { status: true, concurrency: true, environmentId: true, createdById: true, createdByLabel: true, system: { select: { id: true, systemId: true, accessPackages: true } } },
  });
  if (!job || job.status === "draft" || job.status === "done") return report;
  const ctx: Context = {
    jobId, environment: await loadEnvironmentById(job.environmentId), system: job.system, createdById: job.createdById,
    by: job.createdById ? { type: "user", id: job.createdById, label: job.createdByLabel } : { type: "system", label: "bulk onboarding" },
  };
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const maxIdleMs = opts.maxIdleMs ?? 10 * 60_000;
  const own = new Set<string>();
  let holdUntil = 0;
  let failStreak = 0;
  let running = true;

  const worker = async () => {
    let idleSince = 0;
    while (running && !opts.signal?.aborted) {
      if (holdUntil > Date.now()) { await sleep(Math.min(holdUntil - Date.now(), 1000), opts.signal); continue; }
      const row = await claimRow(jobId, leaseMs);
      if (!row) {
        const next = await nextClaimAt(jobId, [...own]);
        if (!next) return;
        idleSince ||= Date.now();
        if (Date.now() - idleSince > maxIdleMs) return;
        await sleep(Math.min(Math.max(next.getTime() - Date.now(), 50), 1000), opts.signal);
        continue;
      }
      idleSince = 0;
      own.add(row.id);
      try {
        const outcome = await runAs(`bulk ${jobId}`, () => processRow(ctx, row));
        report.processed++;
        if (outcome === "created") report.created++;
        failStreak = 0;
      } catch (err) {
        const decision = decideRetry(err, row.attempts);
        const message = err instanceof AppError ? err.userMessage : { nb: "Uventet feil; prøver igjen.", en: "Unexpected error; trying again." };
        const code = err instanceof AppError ? err.code : "unexpected";
        if (!(err instanceof AppError)) console.warn(`[bulk] row ${row.line} of ${jobId}: ${err instanceof Error ? err.message : String(err)}`);
        if (decision.retry) {
          report.retried++;
          // The whole job waits: Retry-After as given, else back-off on the job's run of pauses (the
          // workers whose calls were in flight when Altinn went down count as one).
          if (holdUntil <= Date.now()) failStreak++;
          holdUntil = Math.max(holdUntil, Date.now() + Math.max(decision.delayMs, backoffMs(failStreak)));
          await deferRow(row.id, Math.max(decision.delayMs, 0), { code, message });
        } else {
          report.processed++;
          report.failed++;
          await deferRow(row.id, null, { code, message });
        }
      } finally {
        own.delete(row.id);
      }
    }
  };

  // Chunked audit: one record per batch of finished rows instead of one chain lock per row.
  const done = new AbortController();
  const auditor = (async () => {
    while (running) {
      await sleep(1000, done.signal);
      if (running) await flushBulkAudit(jobId, ctx.by, ctx.environment.id, 100).catch((e: unknown) => console.warn(`[bulk] audit flush: ${String(e)}`));
    }
  })();
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? job.concurrency) }, worker));
  } finally {
    running = false;
    done.abort();
    await auditor;
  }
  await flushBulkAudit(jobId, ctx.by, ctx.environment.id, 1);
  report.finished = await finishJobIfComplete(jobId);
  return report;
}
