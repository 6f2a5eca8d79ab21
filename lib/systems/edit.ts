import "server-only";
import type { Scope } from "@/lib/environments/types";
import { connect } from "@/lib/environments/connect";
import type { z } from "zod";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { runAs } from "@/lib/core/request-context";
import { AppError } from "@/lib/core/errors";
import {
  deleteRegisteredSystem,
  getRegisteredSystem,
  putRegisteredSystem,
} from "@/lib/integrations/altinn/system-register";
import { applyPortalFields, altinnSystemSchema } from "@/lib/integrations/altinn/system-model";
import { diffSystem, driftChanges } from "@/lib/systems/drift";
import { toJson } from "@/lib/core/changes";
import { isRegistrableRedirectUrl } from "@/lib/systems/redirects";
import { deleteSystemSchema, editSystemSchema, type EditSystemInput } from "@/lib/systems/schema";
import {
  alreadyDeleted,
  auditFailure,
  auditFor,
  loadSystemRow,
  missingInAltinn,
  snapshot,
} from "@/lib/systems/persist";

function invalid(error: z.ZodError): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? "_form")] ??= []).push(issue.message);
  return new AppError("invalid_input", { nb: "Ugyldige opplysninger.", en: "Invalid input." }, 400, { fieldErrors });
}

/**
 * Edits a system. PUT replaces the whole system, so the current object is read from Altinn first and
 * only the portal's fields are changed on it: rights and properties the portal does not show survive.
 */
export async function updateSystem(scope: Scope, raw: EditSystemInput) {
  const { actor, environment: scoped } = scope;
  assertCan(actor, "systems.manage");
  const parsed = editSystemSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const input = parsed.data;
  const { row, environment } = await loadSystemRow(scoped.id, input.id);
  if (row.deletedAt) throw alreadyDeleted();
  if (!input.redirectUrls.every((u) => isRegistrableRedirectUrl(u, environment.kind === "emulator"))) {
    throw new AppError(
      "redirect_not_allowed",
      {
        nb: "Omdirigerings-URL-er må være absolutte https-adresser (http tillates bare mot lokal emulator).",
        en: "Redirect URLs must be absolute https URLs (http is allowed only against the local emulator).",
      },
      400,
      { fieldErrors: { redirectUrls: ["sysreg.vld.00005"] } },
    );
  }
  const wanted = new Set(input.clientIds.map((c) => c.toLowerCase()));
  // Altinn compares client ids case-insensitively and ignores soft-deleted systems (AUTH.VLD-00004).
  const others = await db.system.findMany({
    where: { environmentId: environment.id, deletedAt: null, id: { not: row.id } },
    select: { systemId: true, clientIds: true },
  });
  const holder = others.find((s) => s.clientIds.some((c) => wanted.has(c.toLowerCase())));
  if (holder) {
    throw new AppError(
      "client_id_in_use",
      {
        nb: `En klient-ID brukes allerede av ${holder.systemId}; Altinn tillater én klient per system.`,
        en: `A client id is already used by ${holder.systemId}; Altinn allows one client per system.`,
      },
      409,
      { fieldErrors: { clientIds: ["sysreg.vld.00004"] } },
    );
  }

  const fields = {
    name: { nb: input.nameNb, nn: input.nameNn, en: input.nameEn },
    description: { nb: input.descriptionNb, nn: input.descriptionNn, en: input.descriptionEn },
    accessPackages: input.accessPackages,
    clientIds: input.clientIds,
    redirectUrls: input.redirectUrls,
    isVisible: input.isVisible,
    ...(input.rights ? { rights: input.rights } : {}),
  };
  const audit = auditFor(actor, "system.update", row, environment);
  const sent = await runAs(actor.email, async () => {
    const current = await getRegisteredSystem(connect(environment), row.systemId);
    if (!current) throw missingInAltinn(row.systemId);
    if (current.isDeleted) throw alreadyDeleted();
    const body = applyPortalFields(current, fields);
    await putRegisteredSystem(connect(environment), row.systemId, body);
    return body;
  }).catch((err: unknown) => auditFailure(audit, err));

  // PUT answers only {succeeded}; what Altinn now holds is exactly the whole object sent.
  const now = altinnSystemSchema.parse({ ...sent, isDeleted: false });
  const changes = driftChanges(diffSystem(row, now), "portal");
  const changed = Object.keys(changes?.after ?? {});
  return db.$transaction(async (tx) => {
    await tx.system.update({
      where: { id: row.id },
      data: { ...fields, altinnSnapshot: snapshot(now), syncedAt: new Date() },
    });
    // Saved as it was: Altinn got the same values again, which is no change to record.
    if (changes) await recordAudit({ ...audit, outcome: "success", detail: changes }, tx);
    return { id: row.id, changed };
  });
}

/** Soft delete in Altinn (the id stays taken); the portal keeps the row, marked deleted, for history. */
export async function deleteSystem(scope: Scope, raw: z.input<typeof deleteSystemSchema>) {
  const { actor, environment: scoped } = scope;
  assertCan(actor, "systems.manage");
  const parsed = deleteSystemSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { row, environment } = await loadSystemRow(scoped.id, parsed.data.id);
  if (row.deletedAt) throw alreadyDeleted();
  if (parsed.data.confirm !== row.systemId) {
    throw new AppError(
      "confirm_mismatch",
      {
        nb: `Skriv system-ID-en ${row.systemId} nøyaktig for å slette.`,
        en: `Type the system id ${row.systemId} exactly to delete.`,
      },
      400,
      { fieldErrors: { confirm: ["sysreg.delete.mismatch"] } },
    );
  }
  const audit = auditFor(actor, "system.delete", row, environment);
  await runAs(actor.email, () => deleteRegisteredSystem(connect(environment), row.systemId)).catch((err: unknown) =>
    auditFailure(audit, err),
  );
  const deletedAt = new Date();
  await db.$transaction(async (tx) => {
    await tx.system.update({ where: { id: row.id }, data: { deletedAt, syncedAt: deletedAt } });
    await recordAudit(
      {
        ...audit,
        outcome: "success",
        detail: { before: { deletedAt: null }, after: { deletedAt: toJson(deletedAt) } },
      },
      tx,
    );
  });
  return { id: row.id, deletedAt };
}
