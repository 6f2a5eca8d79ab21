import { describe, expect, it } from "vitest";
import { catalogueSnapshot, countPackages, packageUse, type CataloguePackage } from "@/lib/systems/catalogue/model";
import { planWarnings } from "@/lib/systems/catalogue/plan";

const all = new Map(
  catalogueSnapshot().groups.flatMap((g) => g.areas.flatMap((a) => a.packages.map((p) => [p.urn, p] as const))),
);
const pkg = (code: string) => {
  const p = all.get(`urn:altinn:accesspackage:${code}`);
  if (!p) throw new Error(`no package ${code}`);
  return p;
};
const codes = (w: { packages: CataloguePackage[] }) => w.packages.map((p) => p.urn.split(":").pop());

describe("access package catalogue snapshot", () => {
  it("holds the 223 packages with the flag counts of CONTRACT §6.1", () => {
    const c = catalogueSnapshot();
    expect(countPackages(c)).toBe(223);
    const uses = [...all.values()].map(packageUse);
    expect({
      both: uses.filter((u) => u === "both").length,
      none: uses.filter((u) => u === "none").length,
      standard: uses.filter((u) => u === "standard").length,
      agent: uses.filter((u) => u === "agent").length,
    }).toEqual({ both: 164, none: 42, standard: 11, agent: 6 });
    expect(packageUse(pkg("regnskapsforer-lonn"))).toBe("agent");
    expect(pkg("skattegrunnlag").name.en).not.toBe("");
  });
});

describe("planner warnings", () => {
  it("says nothing for ordinary packages", () => {
    expect(planWarnings([pkg("skattegrunnlag"), pkg("merverdiavgift")], true)).toEqual([]);
  });

  it("blocks client packages on a visible system (AUTH.VLD-00018) and only informs otherwise", () => {
    const chosen = [pkg("skattegrunnlag"), pkg("regnskapsforer-lonn")];
    expect(planWarnings(chosen, true).map((w) => [w.code, w.blocking, codes(w)])).toEqual([
      ["visibleClient", true, ["regnskapsforer-lonn"]],
    ]);
    expect(planWarnings(chosen, false).map((w) => [w.code, w.blocking, codes(w)])).toEqual([
      ["agentOnly", false, ["regnskapsforer-lonn"]],
    ]);
  });

  it("blocks packages that are neither delegable nor assignable (AUTH.VLD-00008)", () => {
    const unusable = [...all.values()].find((p) => packageUse(p) === "none");
    if (!unusable) throw new Error("snapshot has no unusable package");
    expect(planWarnings([unusable], false)).toMatchObject([{ code: "unusable", blocking: true }]);
  });

  it("tells which packages agent system users cannot get when both kinds are mixed", () => {
    const w = planWarnings([pkg("hovedadministrator"), pkg("ansvarlig-revisor")], false);
    expect(w.map((x) => [x.code, codes(x)])).toEqual([
      ["agentOnly", ["ansvarlig-revisor"]],
      ["standardOnly", ["hovedadministrator"]],
    ]);
  });
});
