import { describe, expect, it } from "vitest";
import { accessDiff, currentAccess } from "@/lib/systems/change-plan";

const change = (status: string, add: string[], remove: string[] = []) => ({
  status,
  requiredAccessPackages: add,
  unwantedAccessPackages: remove,
  requiredRights: [],
  unwantedRights: [],
});

describe("change request access arithmetic", () => {
  it("applies accepted changes only, in order", () => {
    const held = currentAccess({ packages: ["a", "b"], rights: [] }, [
      change("Accepted", ["c"], ["a"]),
      change("Rejected", ["d"]),
      change("New", ["e"]),
    ]);
    expect(held).toEqual({ packages: ["b", "c"], rights: [] });
  });

  it("lists what to add and what to remove to match the system", () => {
    const diff = accessDiff({ packages: ["a", "b"], rights: ["r1"] }, { packages: ["b", "c"], rights: ["r2"] });
    expect(diff).toEqual({
      empty: false,
      lists: {
        requiredAccessPackages: ["c"],
        unwantedAccessPackages: ["a"],
        requiredRights: ["r2"],
        unwantedRights: ["r1"],
      },
    });
    expect(accessDiff({ packages: ["a"], rights: [] }, { packages: ["a"], rights: [] }).empty).toBe(true);
  });
});
