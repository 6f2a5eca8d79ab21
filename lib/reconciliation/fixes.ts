import "server-only";
import { auditActor } from "@/lib/audit/actor";
import type { Scope } from "@/lib/environments/types";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { newExternalRef } from "@/lib/customers/external-ref";
import { recordRequestEvent } from "@/lib/requests/events";
import { emitSystemUserEvent } from "@/lib/requests/vendor-events";
import { createRequest } from "@/lib/requests/create";
import { kick } from "@/lib/core/jobs/boss";

type Tx = Prisma.TransactionClient;
const adoptDetail = z.object({
  externalRef: z.string().min(1),
  userType: z.string().default("standard"),
  created: z.string().nullable().default(null),
});

async function openFinding(tx: Tx, environmentId: string, id: string) {
  const finding = isUuid(id) ? await tx.reconFinding.findFirst({ where: { id, environmentId } }) : null;
  if (!finding) throw notFound({ nb: "avviket", en: "Finding" });
  if (finding.resolvedAt) {
    throw new AppError(
      "finding_resolved",
      { nb: "Avviket er allerede løst.", en: "The finding is already resolved." },
      409,
    );
  }
  // The audit events name the customer (orgNo) and the system by Altinn's id, so filters find them.
  const system = await tx.system.findUnique({ where: { id: finding.systemId }, select: { systemId: true } });
  return { ...finding, subject: { orgNumber: finding.orgNo, systemId: system?.systemId ?? null } };
}

/**
 * Applies the fix the finding's kind calls for, audited in the same transaction:
 * - system user deleted by the customer: our record is marked deleted, with a timeline event;
 * - request vanished: the request's timeline says it was deleted in Altinn, and polling stops.
 */
export async function fixFinding(scope: Scope, id: string) {
  const { actor, environment } = scope;
  assertCan(actor, "reconciliation.manage");
  await db.$transaction(async (tx) => {
    const f = await openFinding(tx, environment.id, id);
    const now = new Date();
    if (f.kind === "system_user_deleted" && f.systemUserId) {
      await tx.systemUser.update({ where: { id: f.systemUserId }, data: { deletedAt: now } });
      await emitSystemUserEvent(tx, f.systemUserId, "systemuser.deleted");
      if (f.requestId)
        await recordRequestEvent(tx, f.requestId, "system_user_deleted", {
          altinnSystemUserId: f.altinnId,
          via: "reconciliation",
        });
    } else if (f.kind === "request_vanished" && f.requestId) {
      await tx.systemUserRequest.update({ where: { id: f.requestId }, data: { nextCheckAt: null } });
      await recordRequestEvent(tx, f.requestId, "deleted", { altinnRequestId: f.altinnId, via: "reconciliation" });
    } else {
      throw new AppError(
        "finding_no_fix",
        { nb: "Dette avviket rettes ved å ta inn eller ignorere.", en: "Adopt or ignore this finding instead." },
        409,
      );
    }
    await tx.reconFinding.update({
      where: { id: f.id },
      data: { resolvedAt: now, resolution: "fixed", resolvedById: actor.id, resolvedByLabel: actor.email },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "reconciliation.fix",
        target: { type: "recon_finding", id: f.id },
        outcome: "success",
        environmentId: f.environmentId,
        subject: f.subject,
        detail: { kind: f.kind, altinnId: f.altinnId, orgNo: f.orgNo },
      },
      tx,
    );
  });
}

/** A system user made outside the portal: create (or link) the customer and record the system user. */
export async function adoptFinding(scope: Scope, id: string) {
  const { actor, environment } = scope;
  assertCan(actor, "reconciliation.manage");
  return db.$transaction(async (tx) => {
    const f = await openFinding(tx, environment.id, id);
    if (f.kind !== "unknown_system_user")
      throw new AppError(
        "finding_not_unknown",
        { nb: "Bare ukjente systembrukere kan tas inn.", en: "Only unknown system users can be adopted." },
        409,
      );
    const detail = adoptDetail.parse(f.detail ?? {});
    let customer = await tx.customer.findUnique({
      where: { environmentId_orgNo: { environmentId: f.environmentId, orgNo: f.orgNo } },
      select: { id: true },
    });
    if (!customer) {
      // Its externalRef becomes the customer's, so later requests name the same system user; unless taken.
      const taken = await tx.customer.findUnique({
        where: { environmentId_externalRef: { environmentId: f.environmentId, externalRef: detail.externalRef } },
        select: { id: true },
      });
      customer = await tx.customer.create({
        data: {
          environmentId: f.environmentId,
          orgNo: f.orgNo,
          externalRef: taken ? newExternalRef() : detail.externalRef,
        },
        select: { id: true },
      });
      await recordAudit(
        {
          actor: auditActor(actor),
          action: "customer.create",
          target: { type: "customer", id: customer.id },
          outcome: "success",
          environmentId: f.environmentId,
          subject: f.subject,
          detail: { orgNo: f.orgNo, via: "reconciliation" },
        },
        tx,
      );
    }
    const user = await tx.systemUser.create({
      data: {
        systemId: f.systemId,
        customerId: customer.id,
        altinnSystemUserId: f.altinnId,
        externalRef: detail.externalRef,
        userType: detail.userType,
        altinnCreatedAt: detail.created && !Number.isNaN(Date.parse(detail.created)) ? new Date(detail.created) : null,
      },
      select: { id: true },
    });
    await emitSystemUserEvent(tx, user.id, "systemuser.created");
    await tx.reconFinding.update({
      where: { id: f.id },
      data: {
        customerId: customer.id,
        systemUserId: user.id,
        resolvedAt: new Date(),
        resolution: "adopted",
        resolvedById: actor.id,
        resolvedByLabel: actor.email,
      },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "reconciliation.adopt",
        target: { type: "recon_finding", id: f.id },
        outcome: "success",
        environmentId: f.environmentId,
        subject: f.subject,
        detail: { altinnSystemUserId: f.altinnId, orgNo: f.orgNo, customerId: customer.id },
      },
      tx,
    );
    return { customerId: customer.id };
  });
}

/** Leaves an unknown system user alone; later runs keep it ignored instead of raising it again. */
export async function ignoreFinding(scope: Scope, id: string) {
  const { actor, environment } = scope;
  assertCan(actor, "reconciliation.manage");
  await db.$transaction(async (tx) => {
    const f = await openFinding(tx, environment.id, id);
    if (f.kind !== "unknown_system_user")
      throw new AppError(
        "finding_not_unknown",
        { nb: "Bare ukjente systembrukere kan ignoreres.", en: "Only unknown system users can be ignored." },
        409,
      );
    await tx.reconFinding.update({
      where: { id: f.id },
      data: { resolvedAt: new Date(), resolution: "ignored", resolvedById: actor.id, resolvedByLabel: actor.email },
    });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "reconciliation.ignore",
        target: { type: "recon_finding", id: f.id },
        outcome: "success",
        environmentId: f.environmentId,
        subject: f.subject,
        detail: { altinnSystemUserId: f.altinnId, orgNo: f.orgNo },
      },
      tx,
    );
  });
}

/** One click to win the customer back after they deleted the system user: a new request for the same system. */
export async function reonboardFromFinding(scope: Scope, id: string) {
  const { actor, environment } = scope;
  assertCan(actor, "reconciliation.manage");
  const f = isUuid(id)
    ? await db.reconFinding.findFirst({
        where: { id, environmentId: environment.id },
        select: { kind: true, systemId: true, orgNo: true },
      })
    : null;
  if (!f || f.kind !== "system_user_deleted") throw notFound({ nb: "avviket", en: "Finding" });
  return createRequest(scope, { systemId: f.systemId, orgNo: f.orgNo });
}

/** The Run now button: queues a run for this environment (the job records it in recon_runs). */
export async function requestReconciliation(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "reconciliation.manage");
  await kick("reconcile", { environmentId, triggeredBy: actor.email });
  await recordAudit({
    actor: auditActor(actor),
    action: "reconciliation.run",
    target: { type: "environment", id: environmentId },
    outcome: "success",
    environmentId,
  });
}
