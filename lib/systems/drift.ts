import type { AltinnSystem } from "@/lib/integrations/altinn/system-model";
import { portalFieldsFromAltinn } from "@/lib/integrations/altinn/system-model";
import { changedFields, type Changes } from "@/lib/core/changes";

export type PortalRow = {
  name: { nb: string; nn: string; en: string };
  description: { nb: string; nn: string; en: string };
  accessPackages: string[];
  rights: string[];
  clientIds: string[];
  redirectUrls: string[];
  isVisible: boolean;
  deletedAt: Date | null;
};

export const DRIFT_FIELDS = [
  "name.nb",
  "name.nn",
  "name.en",
  "description.nb",
  "description.nn",
  "description.en",
  "accessPackages",
  "rights",
  "clientIds",
  "redirectUrls",
  "isVisible",
  "deleted",
] as const;
export type DriftField = (typeof DRIFT_FIELDS)[number];
export type DriftValue = string | string[] | boolean;
export type DriftRow = { field: DriftField; portal: DriftValue; altinn: DriftValue; differs: boolean };

// Lists are sets for Altinn's purposes (order carries no meaning), so they are compared sorted.
const sorted = (v: string[]) => [...v].sort();
const same = (a: DriftValue, b: DriftValue) =>
  Array.isArray(a) && Array.isArray(b) ? JSON.stringify(sorted(a)) === JSON.stringify(sorted(b)) : a === b;

/** Field by field, the portal's row against Altinn's system; every field is listed, `differs` marks drift. */
export function diffSystem(portal: PortalRow, altinn: AltinnSystem): DriftRow[] {
  const a = portalFieldsFromAltinn(altinn);
  const pairs: Record<DriftField, [DriftValue, DriftValue]> = {
    "name.nb": [portal.name.nb, a.name.nb],
    "name.nn": [portal.name.nn, a.name.nn],
    "name.en": [portal.name.en, a.name.en],
    "description.nb": [portal.description.nb, a.description.nb],
    "description.nn": [portal.description.nn, a.description.nn],
    "description.en": [portal.description.en, a.description.en],
    accessPackages: [portal.accessPackages, a.accessPackages],
    rights: [portal.rights, a.rights],
    clientIds: [portal.clientIds, a.clientIds],
    redirectUrls: [portal.redirectUrls, a.redirectUrls],
    isVisible: [portal.isVisible, a.isVisible],
    deleted: [portal.deletedAt !== null, a.deleted],
  };
  return DRIFT_FIELDS.map((field) => {
    const [p, q] = pairs[field];
    return { field, portal: p, altinn: q, differs: !same(p, q) };
  });
}

/**
 * The differing fields as an audited change, null when none differs. `from` names the side that held
 * the old values: the portal's row for an edit or for "Altinn wins", Altinn for "the portal wins".
 */
export function driftChanges(rows: DriftRow[], from: "portal" | "altinn"): Changes | null {
  const to = from === "portal" ? "altinn" : "portal";
  const side = (s: "portal" | "altinn") => Object.fromEntries(rows.map((r) => [r.field, r[s]]));
  return changedFields(
    side(from),
    side(to),
    rows.filter((r) => r.differs).map((r) => r.field),
  );
}
