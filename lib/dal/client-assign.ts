import "server-only";
import { decodeJwt } from "jose";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { open, seal } from "@/lib/crypto/secret-box";
import { changeClient, listClients } from "@/lib/altinn/client-delegation";
import { loadEnvironmentById, type EnvironmentView } from "@/lib/dal/environments";
import { asPerson, clientActor, findAgent, type ClientContext } from "@/lib/dal/client-delegation";
import { runAs } from "@/lib/request-context";

// "Assign all" as server-side work: one row per client in our table, leased with FOR UPDATE SKIP
// LOCKED, so a crash or restart loses nothing and a second worker never takes the same client. The
// person's Altinn token is kept (sealed, bound to the job) only while the job can still run.

/** A lease longer than one Altinn call; a worker that dies mid-call frees its clients after this. */
export const LEASE_MS = 60_000;
const BATCH = 5;
const MAX_ATTEMPTS = 5;
/** Pause a little before the token's expiry: a call started just before it would fail half-way. */
const TOKEN_MARGIN_MS = 15_000;

const masterKey = () => Buffer.from(env().PORTAL_MASTER_KEY, "base64");
const aad = (jobId: string) => `client-assign:${jobId}`;
const tokenExpiry = (token: string) => {
  const exp = decodeJwt(token).exp;
  return new Date((typeof exp === "number" ? exp : 0) * 1000);
};

async function kickWorker() {
  // The cron run picks the job up within a minute anyway; this only makes it start now.
  await import("@/lib/jobs/worker").then((w) => w.kick("client-assign")).catch((err: unknown) => console.warn(`[clients] kick failed: ${String(err)}`));
}

const jobNotFound = () => notFound({ nb: "tildelingsjobben", en: "Assignment job" });

/** Starts (or returns the unfinished) "assign all" for one agent; a paused one resumes with this login. */
export async function startAssignAll(ctx: ClientContext, agentId: string, opts: { kick?: boolean } = {}) {
  const agent = await findAgent(ctx, agentId);
  const open_ = await db.clientAssignJob.findFirst({ where: { environmentId: ctx.environment.id, agentSystemUserId: agentId, status: { in: ["running", "paused"] } }, select: { id: true, status: true } });
  if (open_) {
    if (open_.status === "paused") await resumeAssignJob(ctx, open_.id, opts);
    return { id: open_.id, existed: true };
  }
  const [available, assigned] = await asPerson(ctx, () => Promise.all([
    listClients(ctx.environment, ctx.session.token, agentId, "available"),
    listClients(ctx.environment, ctx.session.token, agentId, "delegated"),
  ]));
  const taken = new Set(assigned.map((c) => c.clientId));
  const todo = available.filter((c) => !taken.has(c.clientId));
  let job: { id: string };
  try {
    job = await createJob(ctx, agentId, agent.integrationTitle, todo);
  } catch (err) {
    // Another click or tab won the race (partial unique index, migration 0013): that job is this one.
    const winner = isUniqueViolation(err)
      ? await db.clientAssignJob.findFirst({ where: { environmentId: ctx.environment.id, agentSystemUserId: agentId, status: { in: ["running", "paused"] } }, select: { id: true } })
      : null;
    if (winner) return { id: winner.id, existed: true };
    throw err;
  }
  if (opts.kick !== false) await kickWorker();
  return { id: job.id, existed: false };
}

const isUniqueViolation = (err: unknown) => typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

type Todo = { clientId: string; clientOrganizationNumber: string; clientOrganizationName: string };

function createJob(ctx: ClientContext, agentId: string, agentName: string, todo: Todo[]) {
  return db.$transaction(async (tx) => {
    const created = await tx.clientAssignJob.create({
      data: {
        environmentId: ctx.environment.id, facilitatorOrgNo: ctx.org, agentSystemUserId: agentId, agentName,
        startedBy: ctx.session.sub, status: todo.length ? "running" : "done", finishedAt: todo.length ? null : new Date(),
      },
      select: { id: true },
    });
    if (todo.length) {
      await tx.clientAssignJob.update({ where: { id: created.id }, data: { tokenEnc: seal(ctx.session.token, masterKey(), aad(created.id)), tokenExpiresAt: tokenExpiry(ctx.session.token) } });
      await tx.clientAssignItem.createMany({ data: todo.map((c) => ({ jobId: created.id, clientId: c.clientId, clientOrgNo: c.clientOrganizationNumber, clientName: c.clientOrganizationName })) });
    }
    await recordAudit({ actor: clientActor(ctx), action: "clients.assign_all", target: { type: "client_assign_job", id: created.id }, outcome: "success", environmentId: ctx.environment.id, detail: { org: ctx.org, agentId, clients: todo.length } }, tx);
    return created;
  });
}

async function ownJob(ctx: ClientContext, jobId: string) {
  const job = isUuid(jobId) ? await db.clientAssignJob.findUnique({ where: { id: jobId }, select: { id: true, status: true, startedBy: true, environmentId: true, facilitatorOrgNo: true, agentSystemUserId: true } }) : null;
  // Only the person who started it (ID-porten's pairwise sub) sees or steers a job; others get "not found".
  if (!job || job.startedBy !== ctx.session.sub || job.environmentId !== ctx.environment.id) throw jobNotFound();
  return job;
}

/** "Log in again to continue": the fresh login's token replaces the expired one. */
export async function resumeAssignJob(ctx: ClientContext, jobId: string, opts: { kick?: boolean } = {}) {
  const job = await ownJob(ctx, jobId);
  if (job.status !== "paused") return;
  await db.$transaction(async (tx) => {
    await tx.clientAssignJob.update({ where: { id: job.id }, data: { status: "running", pausedReason: null, tokenEnc: seal(ctx.session.token, masterKey(), aad(job.id)), tokenExpiresAt: tokenExpiry(ctx.session.token) } });
    await recordAudit({ actor: clientActor(ctx), action: "clients.assign_all_resume", target: { type: "client_assign_job", id: job.id }, outcome: "success", environmentId: ctx.environment.id, detail: { org: job.facilitatorOrgNo, agentId: job.agentSystemUserId } }, tx);
  });
  if (opts.kick !== false) await kickWorker();
}

export async function cancelAssignJob(ctx: ClientContext, jobId: string) {
  const job = await ownJob(ctx, jobId);
  if (job.status === "done" || job.status === "cancelled") return;
  await db.$transaction(async (tx) => {
    const cancelled = await tx.clientAssignItem.updateMany({ where: { jobId: job.id, status: "pending" }, data: { status: "cancelled", leaseUntil: null } });
    await tx.clientAssignJob.update({ where: { id: job.id }, data: { status: "cancelled", tokenEnc: null, tokenExpiresAt: null, finishedAt: new Date() } });
    await recordAudit({ actor: clientActor(ctx), action: "clients.assign_all_cancel", target: { type: "client_assign_job", id: job.id }, outcome: "success", environmentId: ctx.environment.id, detail: { org: job.facilitatorOrgNo, agentId: job.agentSystemUserId, cancelledClients: cancelled.count } }, tx);
  });
}

export type JobReport = Awaited<ReturnType<typeof assignJobReport>>;

/** The per-client report (what the progress page polls). */
export async function assignJobReport(ctx: ClientContext, jobId: string) {
  await ownJob(ctx, jobId);
  const job = await db.clientAssignJob.findUniqueOrThrow({
    where: { id: jobId },
    select: {
      id: true, status: true, pausedReason: true, facilitatorOrgNo: true, agentSystemUserId: true, agentName: true, createdAt: true, finishedAt: true,
      items: { select: { clientId: true, clientOrgNo: true, clientName: true, status: true, attempts: true, lastError: true }, orderBy: { clientOrgNo: "asc" } },
    },
  });
  const count = (s: string) => job.items.filter((i) => i.status === s).length;
  return {
    ...job,
    createdAt: job.createdAt.toISOString(), finishedAt: job.finishedAt?.toISOString() ?? null,
    total: job.items.length, done: count("done"), failed: count("failed"), pending: count("pending"), cancelled: count("cancelled"),
  };
}

// ---- The worker -------------------------------------------------------------------------------

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

async function pause(jobId: string, reason: string, release: Leased[]) {
  await db.$transaction(async (tx) => {
    // The clients we could not try go back untouched: their attempt did not happen.
    for (const item of release) await tx.clientAssignItem.update({ where: { id: item.id }, data: { leaseUntil: null, attempts: { decrement: 1 } } });
    await tx.clientAssignJob.update({ where: { id: jobId }, data: { status: "paused", pausedReason: reason, tokenEnc: null, tokenExpiresAt: null } });
    await recordAudit({ actor: { type: "system", label: "client-assign worker" }, action: "clients.assign_all_pause", target: { type: "client_assign_job", id: jobId }, outcome: "success", detail: { reason } }, tx);
  });
}

export type AssignRunReport = { assigned: number; failed: number; retried: number; paused: number; finished: number };

async function runJob(job: { id: string; environmentId: string; agentSystemUserId: string; tokenEnc: string | null; tokenExpiresAt: Date | null }, environment: EnvironmentView, report: AssignRunReport, deadline: number) {
  let token: string | null = null;
  try {
    token = job.tokenEnc ? open(job.tokenEnc, masterKey(), aad(job.id)) : null;
  } catch {
    token = null;
  }
  while (Date.now() < deadline) {
    if (!token || !job.tokenExpiresAt || job.tokenExpiresAt.getTime() - TOKEN_MARGIN_MS <= Date.now()) {
      await pause(job.id, "token_expired", []);
      report.paused++;
      return;
    }
    const items = await leaseItems(job.id);
    if (items.length === 0) {
      const left = await db.clientAssignItem.count({ where: { jobId: job.id, status: "pending" } });
      if (left === 0) {
        await db.clientAssignJob.updateMany({ where: { id: job.id, status: "running" }, data: { status: "done", tokenEnc: null, tokenExpiresAt: null, finishedAt: new Date() } });
        report.finished++;
      }
      return;
    }
    // A client tried before (its lease ran out: the worker died, maybe after Altinn said yes) is looked
    // up first, so a retry never assigns twice.
    const retried = items.some((i) => i.attempts > 1)
      ? new Set((await listClients(environment, token, job.agentSystemUserId, "delegated")).map((c) => c.clientId))
      : new Set<string>();
    for (const [index, item] of items.entries()) {
      const current = await db.clientAssignJob.findUnique({ where: { id: job.id }, select: { status: true } });
      if (current?.status !== "running") {
        await db.clientAssignItem.updateMany({ where: { id: { in: items.slice(index).map((i) => i.id) }, status: "pending" }, data: { leaseUntil: null } });
        return;
      }
      if (retried.has(item.clientId)) {
        await db.clientAssignItem.update({ where: { id: item.id }, data: { status: "done", doneAt: new Date(), leaseUntil: null } });
        report.assigned++;
        continue;
      }
      try {
        await changeClient(environment, token, job.agentSystemUserId, item.clientId, "add");
        await db.clientAssignItem.update({ where: { id: item.id }, data: { status: "done", doneAt: new Date(), leaseUntil: null, lastError: null } });
        report.assigned++;
      } catch (err) {
        const e = err instanceof AppError ? err : null;
        if (e && (e.status === 401 || e.status === 403)) {
          await pause(job.id, e.status === 401 ? "token_expired" : "forbidden", items.slice(index));
          report.paused++;
          return;
        }
        const message = e ? `${e.code}: ${e.userMessage.en}` : String(err);
        const transient = !e || e.status >= 500 || e.status === 429;
        if (transient && item.attempts < MAX_ATTEMPTS) {
          // Back off: the lease keeps others away until it runs out.
          await db.clientAssignItem.update({ where: { id: item.id }, data: { lastError: message, leaseUntil: new Date(Date.now() + 5_000 * item.attempts) } });
          report.retried++;
        } else {
          await db.clientAssignItem.update({ where: { id: item.id }, data: { status: "failed", lastError: message, leaseUntil: null } });
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
  const jobs = await db.clientAssignJob.findMany({ where: { status: "running" }, orderBy: { createdAt: "asc" }, select: { id: true, environmentId: true, agentSystemUserId: true, tokenEnc: true, tokenExpiresAt: true } });
  for (const job of jobs) {
    if (Date.now() >= deadline) break;
    try {
      const environment = await loadEnvironmentById(job.environmentId);
      await runAs("client-assign worker", () => runJob(job, environment, report, deadline));
    } catch (err) {
      // E.g. Altinn down while listing: the leases run out and the next run picks the clients up again.
      console.warn(`[clients] job ${job.id}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return report;
}

/** This person's jobs for one facilitator (newest first), for links from the overview. */
export async function myAssignJobs(ctx: ClientContext) {
  return db.clientAssignJob.findMany({
    where: { environmentId: ctx.environment.id, facilitatorOrgNo: ctx.org, startedBy: ctx.session.sub },
    select: { id: true, status: true, agentSystemUserId: true, agentName: true, createdAt: true },
    orderBy: { createdAt: "desc" }, take: 10,
  });
}
