import "server-only";
import type { Scope } from "@/lib/environments/types";
import { auditActor } from "@/lib/audit/actor";
import { connect } from "@/lib/environments/connect";
import { db } from "@/lib/core/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { deleteRequest } from "@/lib/integrations/altinn/requests";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { createOrReuseRequest } from "@/lib/requests/create-in-altinn";
import { recordRequestEvent } from "@/lib/requests/events";
import { runAs } from "@/lib/core/request-context";
import { isRenewable } from "@/lib/requests/expiry";

/**
 * Renew = delete the old request at Altinn (202; 404 when Altinn already forgot it) and create a new
 * one for the same customer and system. Altinn refuses a new request while a rejected (or still waiting)
 * one exists for the same system+org+externalRef, so the delete must come first; it is recorded before
 * the create so the timeline is true even if the create then fails. A waiting request may be renewed in
 * its last week (lib/requests/expiry.ts): the customer gets 28 fresh days and a new confirm link.
 */
export async function renewRequest(scope: Scope, id: string) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "requests.create");
  return renewRequestAs(environmentId, id, auditActor(actor), actor.apiKey ? "api" : "operator");
}

/** The renew itself, for an operator or for the poller's automatic renew of expired requests. */
export async function renewRequestAs(
  environmentId: string,
  id: string,
  by: AuditActor,
  via: "operator" | "auto" | "api",
) {
  if (!isUuid(id)) throw notFound({ nb: "forespørselen", en: "Request" });
  const old = await db.systemUserRequest.findFirst({
    where: { id, system: { environmentId } },
    select: {
      id: true,
      status: true,
      createdAt: true,
      kind: true,
      altinnRequestId: true,
      customer: { select: { orgNo: true } },
      system: { select: { id: true, systemId: true, accessPackages: true, deletedAt: true } },
      events: { where: { kind: "deleted" }, select: { id: true } },
    },
  });
  if (!old) throw notFound({ nb: "forespørselen", en: "Request" });
  if (!isRenewable(old)) {
    throw new AppError(
      "request_not_renewable",
      {
        nb: "Bare avviste og utløpte forespørsler, og ventende i sin siste uke, kan fornyes.",
        en: "Only rejected and expired requests, and waiting ones in their last week, can be renewed.",
      },
      409,
    );
  }
  if (old.system.deletedAt) {
    throw new AppError(
      "system_deleted",
      {
        nb: "Systemet er slettet i Altinn; det kan ikke få nye systembrukere.",
        en: "The system is deleted in Altinn; it cannot get new system users.",
      },
      409,
    );
  }
  const environment = await loadEnvironmentById(environmentId);
  return runAs(by.label, async () => {
    if (old.events.length === 0) {
      await deleteRequest(connect(environment), old.altinnRequestId);
      await db.$transaction(async (tx) => {
        // A waiting one is not polled any more: Altinn no longer has it.
        if (old.status === "New")
          await tx.systemUserRequest.update({ where: { id: old.id }, data: { nextCheckAt: null } });
        await recordRequestEvent(tx, old.id, "deleted", { altinnRequestId: old.altinnRequestId, reason: "renew" });
        await recordAudit(
          {
            actor: by,
            action: "request.delete",
            target: { type: "system_user_request", id: old.id },
            outcome: "success",
            environmentId,
            subject: { orgNumber: old.customer.orgNo, systemId: old.system.systemId },
            detail: { altinnRequestId: old.altinnRequestId, reason: "renew" },
          },
          tx,
        );
      });
    }
    const created = await createOrReuseRequest(environment, {
      system: old.system,
      orgNo: old.customer.orgNo,
      by,
      via,
      renewedFrom: old.id,
      kind: old.kind,
    });
    return { ...created, renewedFrom: old.id };
  });
}
