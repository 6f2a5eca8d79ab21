import { describe, expect, it } from "vitest";
import { mapClientIds, planPromotion, type PromotableSystem } from "./plan";

const text = { nb: "A", nn: "A", en: "A" };
const source: PromotableSystem = {
  systemId: "991825827_payroll",
  name: text,
  description: text,
  accessPackages: ["p1", "p2"],
  rights: [],
  redirectUrls: ["https://app.example/back"],
  clientIds: ["test-client", "other-test-client"],
  isVisible: false,
};
const clients = { from: "TEST-CLIENT", to: "prod-client" };

describe("planPromotion", () => {
  it("names production's system after its own vendor and maps the environment's client", () => {
    const plan = planPromotion(source, null, clients, "314001230");
    expect(plan).toMatchObject({ targetSystemId: "314001230_payroll", exists: false, changed: true });
    expect(plan.wanted.clientIds).toEqual(["prod-client"]);
    expect(plan.droppedClientIds).toEqual(["other-test-client"]);
    expect(plan.rows.every((r) => r.changed)).toBe(true);
  });

  it("has no changes against production's copy, whatever the list order", () => {
    const target = {
      ...source,
      systemId: "314001230_payroll",
      accessPackages: ["p2", "p1"],
      clientIds: ["prod-client"],
    };
    expect(planPromotion(source, target, clients, "314001230").changed).toBe(false);
    const renamed = planPromotion({ ...source, name: { ...text, en: "B" } }, target, clients, "314001230");
    expect(renamed.rows.filter((r) => r.changed).map((r) => r.field)).toEqual(["nameEn"]);
  });

  it("carries no client when the test system does not hold the environment's", () => {
    expect(mapClientIds(["x"], "a", "b")).toEqual({ clientIds: [], dropped: ["x"], mapped: false });
  });
});
