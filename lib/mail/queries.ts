import "server-only";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import type { Scope } from "@/lib/environments/types";

/** The delivery log: newest first, this environment's only. */
export async function listMail({ actor, environment }: Scope, opts: { customerId?: string; take?: number } = {}) {
  assertCan(actor, "portal.read");
  return db.mailMessage.findMany({
    where: { environmentId: environment.id, ...(opts.customerId ? { customerId: opts.customerId } : {}) },
    orderBy: { createdAt: "desc" },
    take: opts.take ?? 200,
    select: {
      id: true,
      kind: true,
      recipient: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      nextAttemptAt: true,
      triggeredBy: true,
    },
  });
}

export async function getMail({ actor, environment }: Scope, id: string) {
  assertCan(actor, "portal.read");
  const row = isUuid(id) ? await db.mailMessage.findFirst({ where: { id, environmentId: environment.id } }) : null;
  if (!row) throw notFound({ nb: "e-posten", en: "E-mail" });
  return row;
}

/** The bulk job's customers it created (or found) requests for, and its system: whom "send invitation" reaches. */
export async function bulkInviteTargets({ actor, environment }: Scope, jobId: string) {
  assertCan(actor, "portal.read");
  const job = isUuid(jobId)
    ? await db.bulkJob.findFirst({
        where: { id: jobId, environmentId: environment.id },
        select: { system: { select: { id: true, systemId: true } } },
      })
    : null;
  if (!job) throw notFound({ nb: "jobben", en: "Job" });
  const rows = await db.bulkRow.findMany({
    where: { jobId, requestId: { not: null }, customerId: { not: null } },
    select: { customerId: true },
  });
  return { system: job.system, customerIds: [...new Set(rows.map((r) => r.customerId ?? ""))].filter(Boolean) };
}
