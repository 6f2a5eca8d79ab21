import { describe, expect, it } from "vitest";
import { getAccessPackage, standardPackagesByArea } from "@/lib/access-packages";

const groups = standardPackagesByArea();
const urns = groups.flatMap((g) => g.areas.flatMap((a) => a.packages.map((p) => p.urn)));

describe("standardPackagesByArea", () => {
  it("returns only the organisation groups that have assignable packages", () => {
    // Person groups (Inhabitant, Guardianship) are left out; Special keeps only its assignable areas.
    expect(groups.map((g) => g.group.en)).toEqual(["General", "Industry", "Special"]);
    const special = groups.find((g) => g.group.en === "Special");
    expect(special?.areas.map((a) => a.urn)).toEqual(["accesspackage:area:fullmakter_for_konkursbo", "accesspackage:area:fullmakter_for_forretningsforer"]);
  });

  it("holds only assignable organisation packages", () => {
    expect(urns.length).toBeGreaterThan(50);
    for (const urn of urns) {
      const p = getAccessPackage(urn);
      expect(p?.isAssignable, urn).toBe(true);
      expect(p?.entityType, urn).toBe("Organization");
    }
  });

  it("includes skattegrunnlag under taxes and accounting", () => {
    const area = groups.flatMap((g) => g.areas).find((a) => a.packages.some((p) => p.urn === "urn:altinn:accesspackage:skattegrunnlag"));
    expect(area?.urn).toBe("accesspackage:area:skatt_avgift_regnskap_og_toll");
  });

  it("leaves out client packages and person packages", () => {
    for (const urn of ["urn:altinn:accesspackage:regnskapsforer-lonn", "urn:altinn:accesspackage:ansvarlig-revisor", "urn:altinn:accesspackage:vergemal-nav-arbeid"]) {
      expect(getAccessPackage(urn), urn).toBeDefined();
      expect(urns).not.toContain(urn);
    }
  });

  it("has no empty areas and no package twice", () => {
    for (const area of groups.flatMap((g) => g.areas)) expect(area.packages.length, area.urn).toBeGreaterThan(0);
    expect(new Set(urns).size).toBe(urns.length);
  });
});
