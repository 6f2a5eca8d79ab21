import "server-only";
import { assertCan } from "@/lib/auth/actor";
import type { Scope } from "@/lib/environments/types";
import { updateSystem } from "@/lib/systems/edit";
import { alreadyDeleted, loadSystemRow, type SystemRow } from "@/lib/systems/persist";
import { getSystem } from "@/lib/systems/queries";
import { editSystemSchema, type EditSystem, type EditSystemInput } from "@/lib/systems/schema";

// Lists are sets for Altinn (order means nothing), so a definition that only reorders one is unchanged.
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

/** Whether applying `wanted` would change anything the portal holds for the system. */
export function definitionChanges(row: SystemRow, wanted: EditSystem): boolean {
  return (
    row.name.nb !== wanted.nameNb ||
    row.name.nn !== wanted.nameNn ||
    row.name.en !== wanted.nameEn ||
    row.description.nb !== wanted.descriptionNb ||
    row.description.nn !== wanted.descriptionNn ||
    row.description.en !== wanted.descriptionEn ||
    !sameSet(row.accessPackages, wanted.accessPackages) ||
    (wanted.rights !== undefined && !sameSet(row.rights, wanted.rights)) ||
    !sameSet(row.clientIds, wanted.clientIds) ||
    !sameSet(row.redirectUrls, wanted.redirectUrls) ||
    row.isVisible !== wanted.isVisible
  );
}

/**
 * A vendor keeps its system definitions as code and applies them whole, over and over: an unchanged
 * definition answers at once without reading or writing Altinn (and without an audit entry), a
 * changed one goes through the same edit as the portal's form. `ref` is our id or Altinn's system id.
 */
export async function applySystemDefinition(scope: Scope, ref: string, raw: Omit<EditSystemInput, "id">) {
  assertCan(scope.actor, "systems.manage");
  const { id } = await getSystem(scope, ref);
  const parsed = editSystemSchema.safeParse({ ...raw, id });
  // Invalid input is refused by updateSystem with the form's field errors; nothing to compare yet.
  if (!parsed.success) return { ...(await updateSystem(scope, { ...raw, id })), altinnCalled: true };
  const { row } = await loadSystemRow(scope.environment.id, id);
  if (row.deletedAt) throw alreadyDeleted();
  if (!definitionChanges(row, parsed.data)) return { id, changed: [] as string[], altinnCalled: false };
  return { ...(await updateSystem(scope, parsed.data)), altinnCalled: true };
}
