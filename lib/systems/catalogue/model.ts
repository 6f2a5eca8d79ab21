import snapshot from "@/data/access-packages.json";

// The catalogue as the planner needs it, whatever its source. Pure data, safe for client components.
export type Text3 = { nb: string; nn: string; en: string };
export type CataloguePackage = {
  urn: string;
  name: Text3;
  description: Text3;
  isDelegable: boolean;
  isAssignable: boolean;
};
export type CatalogueArea = { id: string; name: Text3; packages: CataloguePackage[] };
export type CatalogueGroup = { id: string; name: Text3; forOrganisations: boolean; areas: CatalogueArea[] };
export type Catalogue = { source: "altinn" | "snapshot"; groups: CatalogueGroup[] };

/** What a package can be used for (CONTRACT §6.1 flag semantics). */
export type PackageUse = "both" | "standard" | "agent" | "none";
export function packageUse(p: Pick<CataloguePackage, "isDelegable" | "isAssignable">): PackageUse {
  if (p.isAssignable && p.isDelegable) return "both";
  if (p.isAssignable) return "standard";
  if (p.isDelegable) return "agent";
  return "none";
}

type SnapPackage = {
  urn: string;
  name: Text3;
  description: Partial<Text3>;
  isDelegable: boolean;
  isAssignable: boolean;
};
type SnapArea = { id: string; urn: string; group: string; name: Text3; packages: string[] };
type SnapGroup = { id: string; constant: string; entityType: string; name: Text3 };

export function catalogueSnapshot(): Catalogue {
  const packages = new Map((snapshot.packages as SnapPackage[]).map((p) => [p.urn, p]));
  const fill = (t: Partial<Text3>): Text3 => ({ nb: t.nb ?? "", nn: t.nn || t.nb || "", en: t.en || t.nb || "" });
  return {
    source: "snapshot",
    groups: (snapshot.areaGroups as SnapGroup[]).map((g) => ({
      id: g.id,
      name: fill(g.name),
      forOrganisations: g.entityType.endsWith("Organization"),
      areas: (snapshot.areas as SnapArea[])
        .filter((a) => a.group === g.constant)
        .map((a) => ({
          id: a.id,
          name: fill(a.name),
          packages: a.packages.flatMap((u) => {
            const p = packages.get(u);
            return p
              ? [
                  {
                    urn: p.urn,
                    name: fill(p.name),
                    description: fill(p.description),
                    isDelegable: p.isDelegable,
                    isAssignable: p.isAssignable,
                  },
                ]
              : [];
          }),
        })),
    })),
  };
}

export const countPackages = (c: Catalogue) =>
  c.groups.reduce((n, g) => n + g.areas.reduce((m, a) => m + a.packages.length, 0), 0);
