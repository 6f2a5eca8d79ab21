import catalogue from "@/data/access-packages.json";

// Offline snapshot of Altinn's access-package catalogue (CONTRACT §6.1); the emulator serves the same file.
type Text3 = { nb: string; nn: string; en: string };
export type AccessPackage = {
  urn: string;
  code: string;
  name: Text3;
  description: Text3;
  isDelegable: boolean;
  isAssignable: boolean;
  entityType: string;
  area: string;
};

const packages = catalogue.packages as AccessPackage[];
const byUrn = new Map(packages.map((p) => [p.urn, p]));

export function getAccessPackage(urn: string): AccessPackage | undefined {
  return byUrn.get(urn);
}
