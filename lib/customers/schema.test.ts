import { describe, expect, it } from "vitest";
import { createCustomerSchema, customerFilterSchema, tagsSchema } from "@/lib/customers/schema";

describe("customer list filters", () => {
  it("reads search, tag, status and cursor from search params", () => {
    const cursor = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(customerFilterSchema.parse({ q: "  Fjord ", tag: "Lønn", status: "waiting", cursor })).toEqual({
      q: "Fjord",
      tag: "lønn",
      status: "waiting",
      cursor,
    });
  });

  it("drops empty, repeated-as-array and malformed values instead of failing", () => {
    expect(customerFilterSchema.parse({ q: "", tag: "no spaces allowed", status: "bogus", cursor: "123" })).toEqual({});
    expect(customerFilterSchema.parse({ status: ["connected", "none"] })).toEqual({ status: "connected" });
    expect(customerFilterSchema.parse({})).toEqual({});
  });
});

describe("customer form", () => {
  it("splits, trims, lower-cases and de-duplicates tags", () => {
    expect(tagsSchema.parse(" Lønn, lønn ,pilot,, ")).toEqual(["lønn", "pilot"]);
    expect(tagsSchema.safeParse("ok, not ok").success).toBe(false);
  });

  it("checks the org number's mod-11 digit and requires a name", () => {
    expect(
      createCustomerSchema.safeParse({ orgNo: "310 904 473", name: "Fjord AS", notes: "", tags: "" }).success,
    ).toBe(true);
    const bad = createCustomerSchema.safeParse({ orgNo: "310904474", name: " ", notes: "", tags: "" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message).sort()).toEqual(["errors.orgNoChecksum", "errors.required"]);
  });
});
