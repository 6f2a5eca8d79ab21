import "server-only";
import type { Scope } from "@/lib/environments/types";
import { connect } from "@/lib/environments/connect";
import { db } from "@/lib/core/db";
import { actorCan, assertCan } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { runAs } from "@/lib/core/request-context";
import { AppError, invalidInput } from "@/lib/core/errors";
import {
  getRegisteredSystem,
  getSystemChangelog,
  putRegisteredSystem,
  type ChangelogEntry,
} from "@/lib/integrations/altinn/system-register";
import { applyPortalFields, altinnSystemSchema, portalFieldsFromAltinn } from "@/lib/integrations/altinn/system-model";
import { diffSystem, driftChanges, type DriftRow } from "@/lib/systems/drift";
import { syncSystemSchema } from "@/lib/systems/schema";
import {
  alreadyDeleted,
  auditFailure,
  auditFor,
  loadSystemRow,
  missingInAltinn,
  snapshot,
} from "@/lib/systems/persist";

export type Drift = {
  systemId: string;
  rows: DriftRow[];
  inSync: boolean;
  altinnDeleted: boolean;
  portalDeleted: boolean;
};

/** Reads the system from Altinn and lists, field by field, where Altinn and the portal differ. */
export async function readSystemDrift(scope: Scope, id: string): Promise<Drift> {
  const { actor, environment: scoped } = scope;
  assertCan(actor, "systems.manage");
  const { row, environment } = await loadSystemRow(scoped.id, id);
  const altinn = await runAs(actor.email, () => getRegisteredSystem(connect(environment), row.systemId));
  if (!altinn) throw missingInAltinn(row.systemId);
  const rows = diffSystem(row, altinn);
  return {
    systemId: row.systemId,
    rows,
    inSync: rows.every((r) => !r.differs),
    altinnDeleted: altinn.isDeleted,
    portalDeleted: row.deletedAt !== null,
  };
}

/**
 * Settles drift. "altinn": the portal's row takes Altinn's values (audited system.sync). "portal":
 * the portal's values are PUT onto Altinn's full object, as an edit is (audited system.update).
 */
export async function resolveSystemDrift(scope: Scope, raw: { id: string; winner: string }) {
  const { actor, environment: scoped } = scope;
  assertCan(actor, "systems.manage");
  const parsed = syncSystemSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { id, winner } = parsed.data;
  const { row, environment } = await loadSystemRow(scoped.id, id);
  const audit = auditFor(actor, winner === "altinn" ? "system.sync" : "system.update", row, environment);
  const current = await runAs(actor.email, () => getRegisteredSystem(connect(environment), row.systemId)).catch(
    (err: unknown) => auditFailure(audit, err),
  );
  if (!current) throw missingInAltinn(row.systemId);
  const drift = diffSystem(row, current);
  const changed = drift.filter((d) => d.differs).map((d) => d.field);

  if (winner === "altinn") {
    const a = portalFieldsFromAltinn(current);
    const { deleted, ...fields } = a;
    await db.$transaction(async (tx) => {
      await tx.system.update({
        where: { id: row.id },
        data: {
          ...fields,
          deletedAt: deleted ? (row.deletedAt ?? new Date()) : null,
          altinnSnapshot: snapshot(current),
          syncedAt: new Date(),
        },
      });
      const changes = driftChanges(drift, "portal");
      if (changes) await recordAudit({ ...audit, outcome: "success", detail: { winner, ...changes } }, tx);
    });
    return { changed };
  }

  // Altinn refuses updates to a deleted system; a portal-side delete is not something to undo by PUT.
  if (current.isDeleted || row.deletedAt) throw alreadyDeleted();
  const body = applyPortalFields(current, { ...row, rights: row.rights });
  await runAs(actor.email, () => putRegisteredSystem(connect(environment), row.systemId, body)).catch((err: unknown) =>
    auditFailure(audit, err),
  );
  await db.$transaction(async (tx) => {
    await tx.system.update({
      where: { id: row.id },
      data: { altinnSnapshot: snapshot(altinnSystemSchema.parse({ ...body, isDeleted: false })), syncedAt: new Date() },
    });
    const changes = driftChanges(drift, "altinn");
    if (changes) await recordAudit({ ...audit, outcome: "success", detail: { winner, via: "sync", ...changes } }, tx);
  });
  return { changed };
}

export type SystemHistory = {
  changelog: ChangelogEntry[] | null;
  changelogError: AppError | null;
  audit: { seq: string; at: Date; actorLabel: string; action: string; outcome: string; detail: unknown }[] | null;
};

/** Altinn's changelog for the system beside the portal's own audit trail (the latter only for audit readers). */
export async function getSystemHistory(scope: Scope, id: string): Promise<SystemHistory> {
  const { actor, environment: scoped } = scope;
  assertCan(actor, "portal.read");
  const { row, environment } = await loadSystemRow(scoped.id, id);
  const [changelog, audit] = await Promise.all([
    runAs(actor.email, () => getSystemChangelog(connect(environment), row.systemId)).then(
      (entries) => ({ entries, error: null }),
      (err: unknown) => {
        if (err instanceof AppError) return { entries: null, error: err };
        throw err;
      },
    ),
    actorCan(actor, "audit.read")
      ? db.auditEvent.findMany({
          where: { targetType: "system", targetId: row.systemId, environmentId: environment.id },
          orderBy: { seq: "asc" },
          select: { seq: true, at: true, actorLabel: true, action: true, outcome: true, detail: true },
        })
      : Promise.resolve(null),
  ]);
  return {
    changelog: changelog.entries,
    changelogError: changelog.error,
    audit: audit?.map((a) => ({ ...a, seq: a.seq.toString() })) ?? null,
  };
}
