// The access-package catalogue (CONTRACT §6.1), read once from the shared data file so the emulator
// validates URNs and flags, and serves the metadata API (§6.3), exactly as Access Management would
// for this snapshot.
import { readFileSync } from "node:fs";
import { z } from "zod";

const localized = z.object({ nb: z.string(), nn: z.string().nullish(), en: z.string().nullish() });

const packageSchema = z.object({
  id: z.string(),
  urn: z.string(),
  code: z.string(),
  name: localized,
  description: localized,
  isDelegable: z.boolean(),
  isAssignable: z.boolean(),
  isAvailableForServiceOwners: z.boolean(),
  entityType: z.string(),
  provider: z.string(),
  /** The `constant` of the owning area. */
  area: z.string(),
});

const areaSchema = z.object({
  id: z.string(),
  constant: z.string(),
  urn: z.string(),
  /** The `constant` of the owning area group. */
  group: z.string(),
  name: localized,
  description: localized,
  packages: z.array(z.string()),
});

const areaGroupSchema = z.object({
  id: z.string(),
  constant: z.string(),
  urn: z.string().nullish(),
  entityType: z.string(),
  name: localized,
  description: localized,
  areas: z.array(z.string()),
});

const catalogueSchema = z.object({ areaGroups: z.array(areaGroupSchema), areas: z.array(areaSchema), packages: z.array(packageSchema) });

export type Localized = z.infer<typeof localized>;
export type AccessPackageInfo = z.infer<typeof packageSchema>;
export type AreaInfo = z.infer<typeof areaSchema>;
export type AreaGroupInfo = z.infer<typeof areaGroupSchema>;

const file = new URL("../../data/access-packages.json", import.meta.url);
const catalogue = catalogueSchema.parse(JSON.parse(readFileSync(file, "utf8")));

export const AREA_GROUPS: readonly AreaGroupInfo[] = catalogue.areaGroups;
export const AREAS: readonly AreaInfo[] = catalogue.areas;
export const PACKAGES: readonly AccessPackageInfo[] = catalogue.packages;

const byUrn = new Map<string, AccessPackageInfo>(catalogue.packages.map((p) => [p.urn, p]));

export function findAccessPackage(urn: string): AccessPackageInfo | undefined {
  return byUrn.get(urn);
}
