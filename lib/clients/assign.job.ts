import "server-only";
import { connect } from "@/lib/environments/connect";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/core/errors";
import { changeClient, listClients } from "@/lib/integrations/altinn/client-delegation";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { type EnvironmentView } from "@/lib/environments/types";
import { LEASE_MS, openJobToken } from "@/lib/clients/assign";
import { runAs } from "@/lib/core/request-context";
import { logger } from "@/lib/core/log";

// The `client-assign` queue's side of "assign all": leases a running job's clients and assigns them
// at Altinn with the job's sealed person token (lib/clients/assign.ts starts and reports jobs).

const BATCH = 5;
const MAX_ATTEMPTS = 5;
/** Pause a little before the token's expiry: a call started just before it would fail half-way. */
const TOKEN_MARGIN_MS = 15_000;

type Leased = { id: string; clientId: string; clientOrgNo: string; attempts: number };

/** Takes up to `limit` due clients of a job: pending, and not leased or with the lease run out. */
export async function leaseItems(jobId: string, limit = BATCH, now = new Date()): Promise<Leased[]> {
  const until = new Date(now.getTime() + LEASE_MS).toISOString();
  const at = now.toISOString();
  return db.$queryRaw<Leased[]>`
    UPDATE client_assign_items SET "leaseUntil" = ${until}::timestamp(3), attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM client_assign_items
      WHERE "jobId" = ${jobId}::uuid AND status = 'pending' AND ("leaseUntil" IS NULL OR "leaseUntil" < ${at}::timestamp(3))
      ORDER BY "clientOrgNo" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "clientId", "clientOrgNo", attempts`;
}

type PausedJob = { id: string; environmentId: string; facilitatorOrgNo: string; agentSystemUserId: string };

async function pause(job: PausedJob, reason: string, release: Leased[]) {
  const jobId = job.id;
  await db.$transaction(async (tx) => {
    // The clients we could not try go back untouched: their attempt did not happen.
    for (const item of release)
      await tx.clientAssignItem.update({
        where: { id: item.id },
        data: { leaseUntil: null, attempts: { decrement: 1 } },
      });
    await tx.clientAssignJob.update({
      where: { id: jobId },
      data: { status: "paused", pausedReason: reason, tokenEnc: null, tokenExpiresAt: null },
    });
    await recordAudit(
      {
        actor: { type: "system", label: "client-assign worker" },
        action: "clients.assign_all_pause",
        target: { type: "client_assign_job", id: jobId },
        outcome: "success",
        environmentId: job.environmentId,
        detail: { org: job.facilitatorOrgNo, agentId: job.agentSystemUserId, reason },
      },
      tx,
    );
  });
}

export type AssignRunReport = { assigned: number; failed: number; retried: number; paused: number; finished: number };

async function runJob(
  job: {
    id: string;
    environmentId: string;
    facilitatorOrgNo: string;
    agentSystemUserId: string;
    tokenEnc: string | null;
    tokenExpiresAt: Date | null;
  },
  environment: EnvironmentView,
  report: AssignRunReport,
  deadline: number,
) {
  let token: string | null = null;
  try {
    token = job.tokenEnc ? openJobToken(job.id, job.tokenEnc) : null;
  } catch {
    token = null;
  }
  while (Date.now() < deadline) {
    if (!token || !job.tokenExpiresAt || job.tokenExpiresAt.getTime() - TOKEN_MARGIN_MS <= Date.now()) {
      await pause(job, "token_expired", []);
      report.paused++;
      return;
    }
    const items = await leaseItems(job.id);
    if (items.length === 0) {
      const left = await db.clientAssignItem.count({ where: { jobId: job.id, status: "pending" } });
      if (left === 0) {
        await db.clientAssignJob.updateMany({
          where: { id: job.id, status: "running" },
          data: { status: "done", tokenEnc: null, tokenExpiresAt: null, finishedAt: new Date() },
        });
        report.finished++;
      }
      return;
    }
    // A client tried before (its lease ran out: the worker died, maybe after Altinn said yes) is looked
    // up first, so a retry never assigns twice.
    const retried = items.some((i) => i.attempts > 1)
      ? new Set(
          (await listClients(connect(environment), token, job.agentSystemUserId, "delegated")).map((c) => c.clientId),
        )
      : new Set<string>();
    for (const [index, item] of items.entries()) {
      const current = await db.clientAssignJob.findUnique({ where: { id: job.id }, select: { status: true } });
      if (current?.status !== "running") {
        await db.clientAssignItem.updateMany({
          where: { id: { in: items.slice(index).map((i) => i.id) }, status: "pending" },
          data: { leaseUntil: null },
        });
        return;
      }
      if (retried.has(item.clientId)) {
        await db.clientAssignItem.update({
          where: { id: item.id },
          data: { status: "done", doneAt: new Date(), leaseUntil: null },
        });
        report.assigned++;
        continue;
      }
      try {
        await changeClient(connect(environment), token, job.agentSystemUserId, item.clientId, "add");
        await db.clientAssignItem.update({
          where: { id: item.id },
          data: { status: "done", doneAt: new Date(), leaseUntil: null, lastError: null },
        });
        report.assigned++;
      } catch (err) {
        const e = err instanceof AppError ? err : null;
        if (e && (e.status === 401 || e.status === 403)) {
          await pause(job, e.status === 401 ? "token_expired" : "forbidden", items.slice(index));
          report.paused++;
          return;
        }
        const message = e ? `${e.code}: ${e.userMessage.en}` : String(err);
        const transient = !e || e.status >= 500 || e.status === 429;
        if (transient && item.attempts < MAX_ATTEMPTS) {
          // Back off: the lease keeps others away until it runs out.
          await db.clientAssignItem.update({
            where: { id: item.id },
            data: { lastError: message, leaseUntil: new Date(Date.now() + 5_000 * item.attempts) },
          });
          report.retried++;
        } else {
          await db.clientAssignItem.update({
            where: { id: item.id },
            data: { status: "failed", lastError: message, leaseUntil: null },
          });
          report.failed++;
        }
      }
    }
  }
}

/** What the `client-assign` queue runs: every running job, until its clients are done or time is up. */
export async function processAssignJobs(budgetMs = 50_000): Promise<AssignRunReport> {
  const report: AssignRunReport = { assigned: 0, failed: 0, retried: 0, paused: 0, finished: 0 };
  const deadline = Date.now() + budgetMs;
  const jobs = await db.clientAssignJob.findMany({
    where: { status: "running" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      environmentId: true,
      facilitatorOrgNo: true,
      agentSystemUserId: true,
      tokenEnc: true,
      tokenExpiresAt: true,
    },
  });
  for (const job of jobs) {
    if (Date.now() >= deadline) break;
    try {
      const environment = await loadEnvironmentById(job.environmentId);
      await runAs("client-assign worker", () => runJob(job, environment, report, deadline));
    } catch (err) {
      // E.g. Altinn down while listing: the leases run out and the next run picks the clients up again.
      logger("clients").warn(`job ${job.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return report;
}
