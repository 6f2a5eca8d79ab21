import "server-only";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { BulkRowStatus } from "@/lib/generated/prisma/client";

const jobNotFound = () => notFound({ nb: "masseopprettelsen", en: "Bulk job" });
export type BulkCounts = Record<BulkRowStatus, number> & { total: number };

const emptyCounts = (): BulkCounts => ({
  pending: 0,
  working: 0,
  done: 0,
  failed: 0,
  cancelled: 0,
  invalid: 0,
  total: 0,
});

async function countsFor(jobIds: string[]): Promise<Map<string, BulkCounts>> {
  const groups = await db.bulkRow.groupBy({
    by: ["jobId", "status"],
    where: { jobId: { in: jobIds } },
    _count: { _all: true },
  });
  const out = new Map<string, BulkCounts>();
  for (const g of groups) {
    const c = out.get(g.jobId) ?? emptyCounts();
    c[g.status] = g._count._all;
    c.total += g._count._all;
    out.set(g.jobId, c);
  }
  return out;
}

const JOB_SELECT = {
  id: true,
  status: true,
  fileName: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  cancelledAt: true,
  createdByLabel: true,
  system: { select: { id: true, systemId: true, name: true } },
} as const;

export async function listBulkJobs(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const jobs = await db.bulkJob.findMany({
    where: { environmentId },
    select: JOB_SELECT,
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  const counts = await countsFor(jobs.map((j) => j.id));
  return jobs.map((j) => ({ ...j, counts: counts.get(j.id) ?? emptyCounts() }));
}

async function loadJob(environmentId: string, id: string) {
  if (!isUuid(id)) throw jobNotFound();
  const job = await db.bulkJob.findFirst({ where: { id, environmentId }, select: JOB_SELECT });
  if (!job) throw jobNotFound();
  return job;
}

/** Progress for the polling bar: cheap (one grouped count). */
export async function getBulkProgress(scope: Scope, id: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const job = await loadJob(environmentId, id);
  const counts = (await countsFor([job.id])).get(job.id) ?? emptyCounts();
  const settled = counts.done + counts.failed + counts.cancelled;
  const work = counts.total - counts.invalid;
  return {
    status: job.status,
    counts,
    percent: work === 0 ? 100 : Math.floor((settled * 100) / work),
    finished: job.finishedAt !== null,
  };
}

/** The job with its rows; the preview marks rows whose org number is already a customer. */
export async function getBulkJob(scope: Scope, id: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  const job = await loadJob(environmentId, id);
  const rows = await db.bulkRow.findMany({
    where: { jobId: job.id },
    orderBy: { line: "asc" },
    take: 5000,
    select: {
      id: true,
      line: true,
      orgNo: true,
      name: true,
      ref: true,
      email: true,
      status: true,
      attempts: true,
      errorCode: true,
      errorMessage: true,
      requestId: true,
      existed: true,
    },
  });
  const known =
    job.status === "draft"
      ? new Set(
          (
            await db.customer.findMany({
              where: { environmentId, orgNo: { in: rows.map((r) => r.orgNo) } },
              select: { orgNo: true },
            })
          ).map((c) => c.orgNo),
        )
      : new Set<string>();
  return { ...job, rows: rows.map((r) => ({ ...r, existingCustomer: known.has(r.orgNo) })) };
}
