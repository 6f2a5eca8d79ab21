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
