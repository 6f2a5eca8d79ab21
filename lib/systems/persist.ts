import "server-only";
import { auditActor } from "@/lib/audit/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { loadEnvironmentById } from "@/lib/environments/queries";
import { type EnvironmentView } from "@/lib/environments/types";
import type { AltinnSystem } from "@/lib/integrations/altinn/system-model";
import type { PortalRow } from "@/lib/systems/drift";

// Shared by edit, delete and sync: the row as the data layer needs it, and the audit shape.

export type Text3 = { nb: string; nn: string; en: string };

/** A system of this environment: one of another environment is simply not found. */
export async function loadSystemRow(environmentId: string, id: string) {
  if (!isUuid(id)) throw notFound({ nb: "systemet", en: "System" });
  const row = await db.system.findFirst({
    where: { id, environmentId },
    select: {
      id: true,
      environmentId: true,
      systemId: true,
      name: true,
      description: true,
      accessPackages: true,
      rights: true,
      clientIds: true,
      redirectUrls: true,
      isVisible: true,
      deletedAt: true,
    },
  });
  if (!row) throw notFound({ nb: "systemet", en: "System" });
  const environment = await loadEnvironmentById(row.environmentId);
  return {
    row: { ...row, name: row.name as Text3, description: row.description as Text3 } satisfies PortalRow &
      Record<string, unknown>,
    environment,
  };
}
export type SystemRow = Awaited<ReturnType<typeof loadSystemRow>>["row"];

export function auditFor(actor: Actor, action: string, row: { systemId: string }, environment: EnvironmentView) {
  return {
    actor: auditActor(actor),
    action,
    target: { type: "system", id: row.systemId },
    environmentId: environment.id,
  };
}

/** A failure that reached Altinn is audited with Altinn's code, then passed on to the form. */
export async function auditFailure(base: ReturnType<typeof auditFor>, err: unknown): Promise<never> {
  if (err instanceof AppError) await recordAudit({ ...base, outcome: "failure", detail: { code: err.code } });
  throw err;
}

export const alreadyDeleted = () =>
  new AppError(
    "system_deleted",
    {
      nb: "Systemet er slettet i Altinn og kan ikke endres.",
      en: "The system is deleted in Altinn and cannot be changed.",
    },
    409,
  );

export const missingInAltinn = (systemId: string) =>
  new AppError(
    "system_missing_in_altinn",
    {
      nb: `Altinn kjenner ikke ${systemId}. Ingenting er endret.`,
      en: `Altinn does not know ${systemId}. Nothing was changed.`,
    },
    404,
  );

/** The snapshot column holds Altinn's object exactly as read or as last sent whole. */
export const snapshot = (s: AltinnSystem | Record<string, unknown>) => s as Prisma.InputJsonValue;
