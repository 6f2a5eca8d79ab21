import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/core/db";
import { connect } from "@/lib/environments/connect";
import { type EnvironmentView } from "@/lib/environments/types";
import { findSystemUser, getRequest } from "@/lib/integrations/altinn/requests";
import { eventForStatus, recordRequestEvent } from "@/lib/requests/events";
import { emitSystemUserEvent } from "@/lib/requests/vendor-events";
import type { Prisma } from "@/lib/generated/prisma/client";
import { REQUEST_LIFETIME_DAYS } from "@/lib/requests/expiry";

export { REQUEST_LIFETIME_DAYS };

/** Reads the request's status from Altinn (never from the browser) and records any change. */
export async function syncRequest(environment: EnvironmentView, requestId: string, by: AuditActor) {
  const row = await db.systemUserRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      id: true,
      status: true,
      altinnRequestId: true,
      kind: true,
      externalRef: true,
      systemId: true,
      customerId: true,
      createdAt: true,
      system: { select: { systemId: true } },
      customer: { select: { orgNo: true } },
      systemUser: { select: { id: true } },
      events: { where: { kind: { in: ["escalated", "deleted"] } }, select: { kind: true } },
    },
  });
  const remote = await getRequest(connect(environment), row.altinnRequestId, row.kind);
  if (!remote) {
    // Altinn forgets every request 28 days after creation (404 AUTH-00010). One still waiting, that old,
    // that we did not delete ourselves has expired: keep that in our own timeline, since Altinn keeps
    // nothing. Younger ones were deleted by someone else; they stay as they are (no guessing).
    const ageDays = Math.floor((Date.now() - row.createdAt.getTime()) / 86_400_000);
    if (row.status === "New" && ageDays >= REQUEST_LIFETIME_DAYS && !row.events.some((e) => e.kind === "deleted")) {
      await db.$transaction(async (tx) => {
        await tx.systemUserRequest.update({
          where: { id: row.id },
          data: { status: "Timedout", lastCheckedAt: new Date(), nextCheckAt: null },
        });
        await recordRequestEvent(tx, row.id, "expired", {
          altinnRequestId: row.altinnRequestId,
          portalAgeDays: ageDays,
        });
        await recordAudit(
          {
            actor: by,
            action: "request.status",
            target: { type: "system_user_request", id: row.id },
            outcome: "success",
            environmentId: environment.id,
            subject: { orgNumber: row.customer.orgNo, systemId: row.system.systemId },
            detail: { from: row.status, to: "Timedout", reason: "missing_in_altinn" },
          },
          tx,
        );
      });
      return { status: "Timedout" as const, missingInAltinn: true as boolean, remote: null };
    }
    return { status: row.status, missingInAltinn: true as boolean, remote: null };
  }
  const newlyEscalated = remote.escalated && !row.events.some((e) => e.kind === "escalated");
  const systemUser =
    remote.status === "Accepted" && !row.systemUser
      ? await findSystemUser(connect(environment), {
          systemId: row.system.systemId,
          orgNo: row.customer.orgNo,
          externalRef: row.externalRef,
        })
      : null;
  if (remote.status === row.status && !systemUser && !newlyEscalated) {
    await db.systemUserRequest.update({ where: { id: row.id }, data: { lastCheckedAt: new Date() } });
    return { status: row.status, missingInAltinn: false, remote };
  }
  await db.$transaction(async (tx) => {
    await tx.systemUserRequest.update({
      where: { id: row.id },
      data: {
        status: remote.status,
        lastCheckedAt: new Date(),
        ...(remote.status === "New" ? {} : { nextCheckAt: null }),
        // The dashboard's time to approval (and its rollup, migration 0020) is measured to this moment.
        ...(remote.status === "Accepted" && row.status !== "Accepted" ? { acceptedAt: new Date() } : {}),
      },
    });
    // Linked before the status event is written, so request.accepted already names the system user.
    const linked = systemUser ? await linkSystemUser(tx, row, systemUser) : null;
    if (newlyEscalated) await recordRequestEvent(tx, row.id, "escalated");
    const kind = remote.status !== row.status ? eventForStatus(remote.status) : null;
    if (kind) await recordRequestEvent(tx, row.id, kind, { from: row.status, to: remote.status });
    if (remote.status !== row.status) {
      await recordAudit(
        {
          actor: by,
          action: "request.status",
          target: { type: "system_user_request", id: row.id },
          outcome: "success",
          environmentId: environment.id,
          subject: { orgNumber: row.customer.orgNo, systemId: row.system.systemId },
          detail: { from: row.status, to: remote.status },
        },
        tx,
      );
    }
    if (linked && systemUser) {
      if (linked.created) await emitSystemUserEvent(tx, linked.id, "systemuser.created");
      await recordAudit(
        {
          actor: by,
          action: "systemuser.link",
          target: { type: "system_user", id: systemUser.id },
          outcome: "success",
          environmentId: environment.id,
          detail: { orgNo: row.customer.orgNo, systemId: row.system.systemId },
        },
        tx,
      );
    }
  });
  return { status: remote.status, missingInAltinn: false, remote };
}

type FoundSystemUser = NonNullable<Awaited<ReturnType<typeof findSystemUser>>>;
type LinkRow = { id: string; systemId: string; customerId: string; externalRef: string };

/**
 * The callback and a status poll may race to link the same system user: ON CONFLICT DO NOTHING
 * decides which one created it, so systemuser.created is emitted once.
 */
async function linkSystemUser(tx: Prisma.TransactionClient, row: LinkRow, systemUser: FoundSystemUser) {
  const { count } = await tx.systemUser.createMany({
    skipDuplicates: true,
    data: {
      systemId: row.systemId,
      customerId: row.customerId,
      requestId: row.id,
      altinnSystemUserId: systemUser.id,
      externalRef: systemUser.externalRef ?? row.externalRef,
      userType: systemUser.userType ?? "standard",
      altinnCreatedAt: systemUser.created ? new Date(systemUser.created) : null,
    },
  });
  const linked = await tx.systemUser.findUniqueOrThrow({
    where: { altinnSystemUserId: systemUser.id },
    select: { id: true },
  });
  return { id: linked.id, created: count === 1 };
}
