// Access Management metadata DTOs (CONTRACT §6.3), built from the catalogue in one language. Nested
// objects never point back up (a package inside an area has no `area`), so the JSON stays finite.
import {
  AREA_GROUPS,
  AREAS,
  PACKAGES,
  type AccessPackageInfo,
  type AreaGroupInfo,
  type AreaInfo,
  type Localized,
} from "../data/access-packages";
import { resourcesForPackage, type ResourceInfo } from "../data/resources";

export type Lang = "nb" | "nn" | "en";
type Dto = Record<string, unknown>;

/** EntityTypeConstants (Altinn.AccessMgmt.PersistenceEF): fixed ids and translated names. */
const ENTITY_TYPES: Record<string, { id: string; name: Localized }> = {
  Organization: {
    id: "8c216e2f-afdd-4234-9ba2-691c727bb33d",
    name: { nb: "Organisasjon", nn: "Organisasjon", en: "Organization" },
  },
  Person: { id: "bfe09e70-e868-44b3-8d81-dfe0e13e058a", name: { nb: "Person", nn: "Person", en: "Person" } },
};

/** Missing translations fall back to nb, as the translation service does. */
export function text(value: Localized, lang: Lang): string {
  return value[lang] ?? value.nb;
}

function entityType(raw: string): { id: string; name: Localized } | undefined {
  return ENTITY_TYPES[raw.replace(/^EntityTypeConstants\./, "")];
}

export function resourceDto(r: ResourceInfo, lang: Lang): Dto {
  return {
    id: r.id,
    name: text(r.title, lang),
    description: text(r.title, lang),
    refId: r.id,
    provider: { code: r.owner },
    type: { name: r.resourceType },
  };
}

export function groupDto(g: AreaGroupInfo, lang: Lang, withAreas: boolean): Dto {
  return {
    id: g.id,
    name: text(g.name, lang),
    ...(g.urn ? { urn: g.urn } : {}),
    description: text(g.description, lang),
    ...(entityType(g.entityType) ? { type: text(entityType(g.entityType)?.name ?? { nb: "" }, lang) } : {}),
    ...(withAreas ? { areas: areasOfGroup(g).map((a) => areaDto(a, lang, { packages: true, group: false })) } : {}),
  };
}

export function areaDto(a: AreaInfo, lang: Lang, nest: { packages: boolean; group: boolean }): Dto {
  const group = AREA_GROUPS.find((g) => g.constant === a.group);
  return {
    id: a.id,
    name: text(a.name, lang),
    urn: a.urn,
    description: text(a.description, lang),
    ...(nest.packages ? { packages: packagesOfArea(a).map((p) => packageDto(p, lang, false)) } : {}),
    ...(nest.group && group ? { group: groupDto(group, lang, false) } : {}),
  };
}

export function packageDto(p: AccessPackageInfo, lang: Lang, withArea: boolean): Dto {
  const area = AREAS.find((a) => a.constant === p.area);
  const type = entityType(p.entityType);
  const resources = resourcesForPackage(p.urn);
  return {
    id: p.id,
    name: text(p.name, lang),
    urn: p.urn,
    description: text(p.description, lang),
    isDelegable: p.isDelegable,
    isAssignable: p.isAssignable,
    isResourcePolicyAvailable: resources.length > 0,
    ...(withArea && area ? { area: areaDto(area, lang, { packages: false, group: true }) } : {}),
    ...(type ? { type: { id: type.id, name: text(type.name, lang) } } : {}),
    resources: resources.map((r) => resourceDto(r, lang)),
  };
}

export function areasOfGroup(g: AreaGroupInfo): AreaInfo[] {
  return AREAS.filter((a) => a.group === g.constant);
}

export function packagesOfArea(a: AreaInfo): AccessPackageInfo[] {
  return PACKAGES.filter((p) => p.area === a.constant);
}

/** Matches an entity type by any of its names (typeName filter of the search endpoint). */
export function hasTypeName(p: AccessPackageInfo, typeName: string): boolean {
  const names = Object.values(entityType(p.entityType)?.name ?? {}).filter((n): n is string => typeof n === "string");
  return names.some((n) => n.toLowerCase() === typeName.toLowerCase());
}
