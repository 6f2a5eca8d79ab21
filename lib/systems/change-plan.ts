// Pure access arithmetic for change requests: what a system user holds after its accepted changes,
// and what it must gain or lose to match the system.
export type Access = { packages: string[]; rights: string[] };
type Change = {
  status: string;
  requiredAccessPackages: string[];
  unwantedAccessPackages: string[];
  requiredRights: string[];
  unwantedRights: string[];
};

export function currentAccess(initial: Access, changes: Change[]): Access {
  const packages = new Set(initial.packages);
  const rights = new Set(initial.rights);
  for (const c of changes) {
    if (c.status !== "Accepted") continue;
    c.requiredAccessPackages.forEach((p) => packages.add(p));
    c.unwantedAccessPackages.forEach((p) => packages.delete(p));
    c.requiredRights.forEach((r) => rights.add(r));
    c.unwantedRights.forEach((r) => rights.delete(r));
  }
  return { packages: [...packages].sort(), rights: [...rights].sort() };
}

export function accessDiff(held: Access, target: Access) {
  const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x)).sort();
  const lists = {
    requiredAccessPackages: minus(target.packages, held.packages),
    unwantedAccessPackages: minus(held.packages, target.packages),
    requiredRights: minus(target.rights, held.rights),
    unwantedRights: minus(held.rights, target.rights),
  };
  return { lists, empty: Object.values(lists).every((l) => l.length === 0) };
}
