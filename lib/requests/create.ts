import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { AppError, invalidInput, notFound } from "@/lib/core/errors";
import { runAs } from "@/lib/core/request-context";
import type { Scope } from "@/lib/environments/types";
import { createRequestSchema, type CreateRequestInput } from "@/lib/requests/schema";
import { createOrReuseRequest } from "@/lib/requests/sync";

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
