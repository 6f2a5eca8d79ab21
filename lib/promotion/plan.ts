// What promoting a test system to production would change, field by field. Pure (plan.test.ts).
import type { Text3 } from "@/lib/systems/catalogue/model";

export type PromotableSystem = {
  systemId: string;
  name: Text3;
  description: Text3;
  accessPackages: readonly string[];
  rights: readonly string[];
  redirectUrls: readonly string[];
  clientIds: readonly string[];
  isVisible: boolean;
};

export const PROMOTED_FIELDS = [
  "nameNb",
  "nameNn",
  "nameEn",
  "descriptionNb",
  "descriptionNn",
  "descriptionEn",
  "accessPackages",
  "rights",
  "redirectUrls",
  "clientIds",
  "isVisible",
] as const;
export type PromotedField = (typeof PROMOTED_FIELDS)[number];
type Value = string | readonly string[] | boolean;

export type DiffRow = { field: PromotedField; test: Value; production: Value | null; changed: boolean };

/** The short name of `{vendorOrgNo}_{name}`: the part Altinn lets the vendor choose. */
export const shortName = (systemId: string) => systemId.slice(systemId.indexOf("_") + 1);

/**
 * tt02 and production are different Maskinporten worlds: the test environment's client means the
 * production environment's client; any other test client has no counterpart and is left out.
 */
export function mapClientIds(ids: readonly string[], from: string, to: string) {
  const mapped = ids.some((c) => c.toLowerCase() === from.toLowerCase());
  return {
    clientIds: mapped ? [to] : [],
    dropped: ids.filter((c) => c.toLowerCase() !== from.toLowerCase()),
    mapped,
  };
}

const fieldsOf = (s: Omit<PromotableSystem, "systemId">): Record<PromotedField, Value> => ({
  nameNb: s.name.nb,
  nameNn: s.name.nn,
  nameEn: s.name.en,
  descriptionNb: s.description.nb,
  descriptionNn: s.description.nn,
  descriptionEn: s.description.en,
  accessPackages: s.accessPackages,
  rights: s.rights,
  redirectUrls: s.redirectUrls,
  clientIds: s.clientIds,
  isVisible: s.isVisible,
});

// Altinn keeps lists as sets: order means nothing.
const same = (a: Value, b: Value) =>
  Array.isArray(a) && Array.isArray(b) ? [...a].sort().join("\n") === [...b].sort().join("\n") : a === b;

/**
 * Production's system is `{productionVendorOrgNo}_{name}`; `wanted` is the test system with production's
 * client ids. With no production system yet every field is a change (it will be created).
 */
export function planPromotion(
  source: PromotableSystem,
  target: PromotableSystem | null,
  clients: { from: string; to: string },
  productionVendorOrgNo: string,
) {
  const map = mapClientIds(source.clientIds, clients.from, clients.to);
  const wanted = { ...source, clientIds: map.clientIds };
  const testFields = fieldsOf(source);
  const wantedFields = fieldsOf(wanted);
  const targetFields = target ? fieldsOf(target) : null;
  const rows: DiffRow[] = PROMOTED_FIELDS.map((field) => ({
    field,
    test: testFields[field],
    production: targetFields ? targetFields[field] : null,
    changed: !targetFields || !same(wantedFields[field], targetFields[field]),
  }));
  return {
    targetSystemId: target?.systemId ?? `${productionVendorOrgNo}_${shortName(source.systemId)}`,
    exists: target !== null,
    wanted,
    rows,
    changed: rows.some((r) => r.changed),
    clientMap: map.mapped ? clients : null,
    droppedClientIds: map.dropped,
  };
}
export type PromotionPlan = ReturnType<typeof planPromotion>;
