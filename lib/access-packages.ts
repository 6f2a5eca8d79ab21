import catalogue from "@/data/access-packages.json";

// Offline snapshot of Altinn's access-package catalogue (CONTRACT §6.1); the emulator serves the same file.
type Text3 = { nb: string; nn: string; en: string };
export type AccessPackage = {
  urn: string; code: string; name: Text3; description: Text3;
  isDelegable: boolean; isAssignable: boolean; entityType: string; area: string;
};
type Area = { constant: string; urn: string; group: string; name: Text3; packages: string[] };
type AreaGroup = { constant: string; entityType: string; name: Text3 };

const packages = catalogue.packages as AccessPackage[];
const areas = catalogue.areas as Area[];
const groups = catalogue.areaGroups as AreaGroup[];
const byUrn = new Map(packages.map((p) => [p.urn, p]));

export function getAccessPackage(urn: string): AccessPackage | undefined {
  return byUrn.get(urn);
}

/** Packages a standard (non-client) system user can hold, grouped for a picker: organisation ones that are assignable. */
export function standardPackagesByArea() {
  return groups
    .filter((g) => g.entityType.endsWith("Organization"))
    .map((g) => ({
      group: g.name,
      areas: areas
        .filter((a) => a.group === g.constant)
        .map((a) => ({ urn: a.urn, name: a.name, packages: a.packages.map((u) => byUrn.get(u)).filter((p): p is AccessPackage => !!p?.isAssignable) }))
        .filter((a) => a.packages.length > 0),
    }))
    .filter((g) => g.areas.length > 0);
}
