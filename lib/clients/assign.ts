import "server-only";
import { kick } from "@/lib/core/jobs/boss";
import { connect } from "@/lib/environments/connect";
import { decodeJwt } from "jose";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { openSecret, sealSecret } from "@/lib/core/master-key";
import { listClients } from "@/lib/integrations/altinn/client-delegation";
import { asPerson, clientActor, findAgent, type ClientContext } from "@/lib/clients/delegation";
import { logger } from "@/lib/core/log";

// "Assign all" as server-side work: one row per client in our table, leased with FOR UPDATE SKIP
// LOCKED, so a crash or restart loses nothing and a second worker never takes the same client. The
// person's Altinn token is kept (sealed, bound to the job) only while the job can still run.

/** A lease longer than one Altinn call; a worker that dies mid-call frees its clients after this. */
export const LEASE_MS = 60_000;

/** The person's token, sealed to this one job. */
export const jobTokenAad = (jobId: string) => `client-assign:${jobId}`;
const sealJobToken = (jobId: string, token: string) => sealSecret(token, jobTokenAad(jobId));
export const openJobToken = (jobId: string, envelope: string) => openSecret(envelope, jobTokenAad(jobId));
const tokenExpiry = (token: string) => {
  const exp = decodeJwt(token).exp;
  return new Date((typeof exp === "number" ? exp : 0) * 1000);
};

async function kickWorker() {
  // The cron run picks the job up within a minute anyway; this only makes it start now.
  await kick("client-assign").catch((err: unknown) => logger("clients").warn(`kick failed: ${String(err)}`));
}

const jobNotFound = () => notFound({ nb: "tildelingsjobben", en: "Assignment job" });

/** Starts (or returns the unfinished) "assign all" for one agent; a paused one resumes with this login. */
export async function startAssignAll(ctx: ClientContext, agentId: string, opts: { kick?: boolean } = {}) {
  const agent = await findAgent(ctx, agentId);
  const open_ = await db.clientAssignJob.findFirst({
    where: { environmentId: ctx.environment.id, agentSystemUserId: agentId, status: { in: ["running", "paused"] } },
    select: { id: true, status: true },
  });
  if (open_) {
    if (open_.status === "paused") await resumeAssignJob(ctx, open_.id, opts);
    return { id: open_.id, existed: true };
  }
  const [available, assigned] = await asPerson(ctx, () =>
    Promise.all([
      listClients(connect(ctx.environment), ctx.session.token, agentId, "available"),
      listClients(connect(ctx.environment), ctx.session.token, agentId, "delegated"),
    ]),
  );
  const taken = new Set(assigned.map((c) => c.clientId));
  const todo = available.filter((c) => !taken.has(c.clientId));
  let job: { id: string };
  try {
    job = await createJob(ctx, agentId, agent.integrationTitle, todo);
  } catch (err) {
    // Another click or tab won the race (partial unique index, migration 0013): that job is this one.
    const winner = isUniqueViolation(err)
      ? await db.clientAssignJob.findFirst({
          where: {
            environmentId: ctx.environment.id,
            agentSystemUserId: agentId,
            status: { in: ["running", "paused"] },
          },
          select: { id: true },
        })
      : null;
    if (winner) return { id: winner.id, existed: true };
    throw err;
  }
  if (opts.kick !== false) await kickWorker();
  return { id: job.id, existed: false };
}

const isUniqueViolation = (err: unknown) =>
  typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

type Todo = { clientId: string; clientOrganizationNumber: string; clientOrganizationName: string };

function createJob(ctx: ClientContext, agentId: string, agentName: string, todo: Todo[]) {
  return db.$transaction(async (tx) => {
    const created = await tx.clientAssignJob.create({
      data: {
        environmentId: ctx.environment.id,
        facilitatorOrgNo: ctx.org,
        agentSystemUserId: agentId,
        agentName,
        startedBy: ctx.session.sub,
        status: todo.length ? "running" : "done",
        finishedAt: todo.length ? null : new Date(),
      },
      select: { id: true },
    });
    if (todo.length) {
      await tx.clientAssignJob.update({
        where: { id: created.id },
        data: { tokenEnc: sealJobToken(created.id, ctx.session.token), tokenExpiresAt: tokenExpiry(ctx.session.token) },
      });
      await tx.clientAssignItem.createMany({
        data: todo.map((c) => ({
          jobId: created.id,
          clientId: c.clientId,
          clientOrgNo: c.clientOrganizationNumber,
          clientName: c.clientOrganizationName,
        })),
      });
    }
    await recordAudit(
      {
        actor: clientActor(ctx),
        action: "clients.assign_all",
        target: { type: "client_assign_job", id: created.id },
        outcome: "success",
        environmentId: ctx.environment.id,
        detail: { org: ctx.org, agentId, clients: todo.length },
      },
      tx,
    );
    return created;
  });
}

async function ownJob(ctx: ClientContext, jobId: string) {
  const job = isUuid(jobId)
    ? await db.clientAssignJob.findUnique({
        where: { id: jobId },
        select: {
          id: true,
          status: true,
          startedBy: true,
          environmentId: true,
          facilitatorOrgNo: true,
          agentSystemUserId: true,
        },
      })
    : null;
  // Only the person who started it (ID-porten's pairwise sub) sees or steers a job; others get "not found".
  if (!job || job.startedBy !== ctx.session.sub || job.environmentId !== ctx.environment.id) throw jobNotFound();
  return job;
}

/** "Log in again to continue": the fresh login's token replaces the expired one. */
export async function resumeAssignJob(ctx: ClientContext, jobId: string, opts: { kick?: boolean } = {}) {
  const job = await ownJob(ctx, jobId);
  if (job.status !== "paused") return;
  await db.$transaction(async (tx) => {
    await tx.clientAssignJob.update({
      where: { id: job.id },
      data: {
        status: "running",
        pausedReason: null,
        tokenEnc: sealJobToken(job.id, ctx.session.token),
        tokenExpiresAt: tokenExpiry(ctx.session.token),
      },
    });
    await recordAudit(
      {
        actor: clientActor(ctx),
        action: "clients.assign_all_resume",
        target: { type: "client_assign_job", id: job.id },
        outcome: "success",
        environmentId: ctx.environment.id,
        detail: { org: job.facilitatorOrgNo, agentId: job.agentSystemUserId },
      },
      tx,
    );
  });
  if (opts.kick !== false) await kickWorker();
}

export async function cancelAssignJob(ctx: ClientContext, jobId: string) {
  const job = await ownJob(ctx, jobId);
  if (job.status === "done" || job.status === "cancelled") return;
  await db.$transaction(async (tx) => {
    const cancelled = await tx.clientAssignItem.updateMany({
      where: { jobId: job.id, status: "pending" },
      data: { status: "cancelled", leaseUntil: null },
    });
    await tx.clientAssignJob.update({
      where: { id: job.id },
      data: { status: "cancelled", tokenEnc: null, tokenExpiresAt: null, finishedAt: new Date() },
    });
    await recordAudit(
      {
        actor: clientActor(ctx),
        action: "clients.assign_all_cancel",
        target: { type: "client_assign_job", id: job.id },
        outcome: "success",
        environmentId: ctx.environment.id,
        detail: { org: job.facilitatorOrgNo, agentId: job.agentSystemUserId, cancelledClients: cancelled.count },
      },
      tx,
    );
  });
}

export type JobReport = Awaited<ReturnType<typeof assignJobReport>>;

/** The per-client report (what the progress page polls). */
export async function assignJobReport(ctx: ClientContext, jobId: string) {
  await ownJob(ctx, jobId);
  const job = await db.clientAssignJob.findUniqueOrThrow({
    where: { id: jobId },
    select: {
      id: true,
      status: true,
      pausedReason: true,
      facilitatorOrgNo: true,
      agentSystemUserId: true,
      agentName: true,
      createdAt: true,
      finishedAt: true,
      items: {
        select: { clientId: true, clientOrgNo: true, clientName: true, status: true, attempts: true, lastError: true },
        orderBy: { clientOrgNo: "asc" },
      },
    },
  });
  const count = (s: string) => job.items.filter((i) => i.status === s).length;
  return {
    ...job,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    total: job.items.length,
    done: count("done"),
    failed: count("failed"),
    pending: count("pending"),
    cancelled: count("cancelled"),
  };
}

/** This person's jobs for one facilitator (newest first), for links from the overview. */
export async function myAssignJobs(ctx: ClientContext) {
  return db.clientAssignJob.findMany({
    where: { environmentId: ctx.environment.id, facilitatorOrgNo: ctx.org, startedBy: ctx.session.sub },
    select: { id: true, status: true, agentSystemUserId: true, agentName: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: 10,
  });
}
