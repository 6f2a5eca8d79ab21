import "server-only";
import type { Scope } from "@/lib/environments/types";
import { auditActor } from "@/lib/audit/actor";
import { connect } from "@/lib/environments/connect";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { runAs } from "@/lib/core/request-context";
import { confirmUrlNotAllowed, isAllowedConfirmUrl } from "@/lib/environments/rules";
import type { EnvironmentView } from "@/lib/environments/types";
import { createChangeRequest, deleteChangeRequest, getChangeRequest } from "@/lib/integrations/altinn/change-requests";
import { accessDiff, currentAccess, type Access } from "@/lib/systems/change-plan";
import { logger } from "@/lib/core/log";

// Existing system users keep the access they were approved with; when the system's packages or rights
// change, each standard one needs a change request the customer approves (CONTRACT §4.4).

async function loadSystemWithUsers(environmentId: string, systemId: string) {
  if (!isUuid(systemId)) throw notFound({ nb: "systemet", en: "System" });
  const system = await db.system.findFirst({
    where: { id: systemId, environmentId },
    select: {
      id: true,
      systemId: true,
      environmentId: true,
      accessPackages: true,
      rights: true,
      systemUsers: {
        orderBy: { discoveredAt: "asc" },
        select: {
          id: true,
          altinnSystemUserId: true,
          userType: true,
          externalRef: true,
          customer: { select: { orgNo: true, name: true } },
          request: { select: { accessPackages: true } },
          changeRequests: {
            orderBy: { createdAt: "asc" },
            select: {
              id: true,
              status: true,
              confirmUrl: true,
              requiredAccessPackages: true,
              unwantedAccessPackages: true,
              requiredRights: true,
              unwantedRights: true,
              createdAt: true,
              lastCheckedAt: true,
            },
          },
        },
      },
    },
  });
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  return system;
}

/**
 * A stored confirm link is shown only while its host is on the environment's allowlist, checked at every
 * read like a system-user request's (F8): a link stored before the allowlist changed is never offered.
 */
const shownConfirmUrl = (environment: EnvironmentView, url: string | null) =>
  url && isAllowedConfirmUrl(environment, url) ? url : null;

/** Per system user: what it holds, what it lacks, and its change requests. Agent users are listed apart. */
export async function changePlan({ actor, environment }: Scope, systemId: string) {
  assertCan(actor, "portal.read");
  const system = await loadSystemWithUsers(environment.id, systemId);
  const target: Access = { packages: system.accessPackages, rights: system.rights };
  const users = system.systemUsers.map((stored) => {
    const changeRequests = stored.changeRequests.map((c) => ({
      ...c,
      confirmUrl: shownConfirmUrl(environment, c.confirmUrl),
    }));
    const u = { ...stored, changeRequests };
    const held = currentAccess({ packages: u.request?.accessPackages ?? [], rights: [] }, u.changeRequests);
    const diff = accessDiff(held, target);
    const pending = u.changeRequests.find((c) => c.status === "New");
    return { ...u, held, diff, pending: pending ?? null, agent: u.userType.toLowerCase() === "agent" };
  });
  const standard = users.filter((u) => !u.agent);
  return {
    /** Altinn's id of the system, for the audit events' subject. */
    systemId: system.systemId,
    standard,
    agents: users.filter((u) => u.agent),
    outdated: standard.filter((u) => !u.diff.empty),
    toRequest: standard.filter((u) => !u.diff.empty && !u.pending),
  };
}

export type ChangeOutcome = { orgNo: string; ok: boolean; status?: string; message?: { nb: string; en: string } };

/** One change request per outdated standard system user without a pending one; reports per customer. */
export async function createChangeRequests(scope: Scope, systemId: string): Promise<ChangeOutcome[]> {
  const { actor, environment } = scope;
  assertCan(actor, "systems.manage");
  const plan = await changePlan(scope, systemId);
  const outcomes: ChangeOutcome[] = [];
  for (const u of plan.toRequest) {
    const correlationId = randomUUID();
    const detail = { systemUser: u.altinnSystemUserId, ...u.diff.lists };
    const audit = {
      actor: auditActor(actor),
      action: "changerequest.create",
      target: { type: "system_user", id: u.altinnSystemUserId },
      environmentId: environment.id,
      subject: { orgNumber: u.customer.orgNo, systemId: plan.systemId },
    };
    let refusedHost: string | null = null;
    try {
      const created = await runAs(actor.email, () =>
        createChangeRequest(connect(environment), {
          correlationId,
          altinnSystemUserId: u.altinnSystemUserId,
          ...u.diff.lists,
        }),
      );
      // The same allowlist as a system-user request's confirm URL: a link to any other host is never
      // stored or shown, and the change request Altinn just made goes away again.
      if (created.confirmUrl && !isAllowedConfirmUrl(environment, created.confirmUrl)) {
        refusedHost = URL.canParse(created.confirmUrl) ? new URL(created.confirmUrl).host : null;
        await runAs(actor.email, () => deleteChangeRequest(connect(environment), correlationId)).catch((e: unknown) =>
          logger("changerequest").warn(`could not delete ${correlationId} at Altinn: ${String(e)}`),
        );
        throw confirmUrlNotAllowed(environment, created.confirmUrl);
      }
      await db.$transaction(async (tx) => {
        await tx.changeRequest.create({
          data: {
            id: correlationId,
            systemUserId: u.id,
            status: created.status,
            confirmUrl: created.confirmUrl || null,
            ...u.diff.lists,
            createdById: actor.id,
            lastCheckedAt: new Date(),
          },
        });
        await recordAudit({ ...audit, outcome: "success", detail: { ...detail, status: created.status } }, tx);
      });
      outcomes.push({ orgNo: u.customer.orgNo, ok: true, status: created.status });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const where = refusedHost ? { confirmUrlHost: refusedHost } : {};
      await recordAudit({ ...audit, outcome: "failure", detail: { ...detail, code: err.code, ...where } });
      outcomes.push({ orgNo: u.customer.orgNo, ok: false, message: err.userMessage });
    }
  }
  return outcomes;
}

/** Reads every pending change request of the system from Altinn and stores the new status. */
export async function refreshChangeRequests(scope: Scope, systemId: string) {
  const { actor, environment } = scope;
  assertCan(actor, "requests.refresh");
  const plan = await changePlan(scope, systemId);
  let changed = 0;
  for (const u of plan.standard) {
    if (!u.pending) continue;
    const pending = u.pending;
    const current = await runAs(actor.email, () => getChangeRequest(connect(environment), pending.id));
    const status = current?.status ?? "Deleted";
    await db.changeRequest.update({ where: { id: pending.id }, data: { status, lastCheckedAt: new Date() } });
    if (status !== pending.status) {
      changed += 1;
      await recordAudit({
        actor: auditActor(actor),
        action: "changerequest.status",
        target: { type: "change_request", id: pending.id },
        outcome: "success",
        detail: { from: pending.status, to: status },
        environmentId: environment.id,
        subject: { orgNumber: u.customer.orgNo, systemId: plan.systemId },
      });
    }
  }
  return { changed };
}
