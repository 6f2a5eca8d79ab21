import "server-only";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { AppError, invalidInput, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { auditActor } from "@/lib/audit/actor";
import type { Scope } from "@/lib/environments/types";
import { runAs } from "@/lib/core/request-context";
import { createOrReuseRequest, syncRequest } from "@/lib/requests/sync";
import { createRequestSchema, type CreateRequestInput } from "@/lib/requests/schema";

export async function createRequest({ actor, environment }: Scope, raw: CreateRequestInput) {
  assertCan(actor, "requests.create");
  const parsed = createRequestSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const input = parsed.data;
  const system = await db.system.findFirst({
    where: { id: input.systemId, environmentId: environment.id },
    select: {
      id: true,
      systemId: true,
      accessPackages: true,
      environmentId: true,
      altinnInternalId: true,
      deletedAt: true,
    },
  });
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  if (system.deletedAt) {
    throw new AppError(
      "system_deleted",
      {
        nb: "Systemet er slettet i Altinn; det kan ikke få nye systembrukere.",
        en: "The system is deleted in Altinn; it cannot get new system users.",
      },
      409,
    );
  }
  if (!system.altinnInternalId) {
    throw new AppError(
      "system_not_registered",
      { nb: "Systemet er ikke registrert i Altinn ennå.", en: "The system is not registered in Altinn yet." },
      409,
    );
  }
  return runAs(actor.email, () =>
    createOrReuseRequest(environment, {
      system,
      orgNo: input.orgNo,
      by: auditActor(actor),
      via: "operator",
      kind: input.kind,
    }),
  );
}

const LIST_SELECT = {
  id: true,
  status: true,
  kind: true,
  confirmUrl: true,
  createdAt: true,
  updatedAt: true,
  lastCheckedAt: true,
  createdVia: true,
  altinnRequestId: true,
  accessPackages: true,
  externalRef: true,
  customer: { select: { orgNo: true, name: true } },
  system: { select: { id: true, systemId: true, name: true, environmentId: true } },
  systemUser: { select: { altinnSystemUserId: true } },
} as const;

export async function listRequests(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  return db.systemUserRequest.findMany({
    where: { system: { environmentId } },
    select: LIST_SELECT,
    orderBy: { createdAt: "desc" },
    take: 200,
  });
}

/** A request of the scope's environment; one of another environment is simply not found. */
export async function getRequestView({ actor, environment }: Scope, id: string) {
  assertCan(actor, "portal.read");
  if (!isUuid(id)) throw notFound({ nb: "forespørselen", en: "Request" });
  const row = await db.systemUserRequest.findFirst({
    where: { id, system: { environmentId: environment.id } },
    select: LIST_SELECT,
  });
  if (!row) throw notFound({ nb: "forespørselen", en: "Request" });
  return row;
}

export async function refreshRequest(scope: Scope, id: string) {
  const { actor, environment } = scope;
  assertCan(actor, "requests.refresh");
  await getRequestView(scope, id);
  const { status, missingInAltinn } = await runAs(actor.email, () => syncRequest(environment, id, auditActor(actor)));
  return { status, missingInAltinn };
}

export async function listCustomers(scope: Scope) {
  const { actor } = scope;
  const environmentId = scope.environment.id;
  assertCan(actor, "portal.read");
  return db.customer.findMany({
    where: { environmentId },
    select: {
      id: true,
      orgNo: true,
      name: true,
      createdAt: true,
      systemUsers: {
        select: {
          altinnSystemUserId: true,
          externalRef: true,
          userType: true,
          discoveredAt: true,
          system: { select: { systemId: true, name: true } },
        },
      },
      requests: { select: { id: true, status: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
    },
    orderBy: { createdAt: "desc" },
  });
}
