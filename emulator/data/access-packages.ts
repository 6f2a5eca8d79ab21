// The access-package catalogue (CONTRACT §6.1), read once from the shared data file so the emulator
// validates URNs and flags exactly as Access Management would for this snapshot.
import { readFileSync } from "node:fs";
import { z } from "zod";

const localized = z.object({ nb: z.string(), nn: z.string().nullish(), en: z.string().nullish() });

const packageSchema = z.object({
  urn: z.string(),
  code: z.string(),
  name: localized,
  isDelegable: z.boolean(),
  isAssignable: z.boolean(),
});

const catalogueSchema = z.object({ packages: z.array(packageSchema) });

export type AccessPackageInfo = z.infer<typeof packageSchema>;

const file = new URL("../../data/access-packages.json", import.meta.url);
const catalogue = catalogueSchema.parse(JSON.parse(readFileSync(file, "utf8")));

const byUrn = new Map<string, AccessPackageInfo>(catalogue.packages.map((p) => [p.urn, p]));

export function findAccessPackage(urn: string): AccessPackageInfo | undefined {
  return byUrn.get(urn);
}
