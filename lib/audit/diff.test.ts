import { describe, expect, it } from "vitest";
import { detailView, diffFields, showValue } from "@/lib/audit/diff";

describe("audit detail diff", () => {
  it("names each field removed, added or changed, and leaves out what stayed the same", () => {
    expect(
      diffFields(
        { name: "Gammel AS", tags: ["a"], gone: 1, same: { x: 1, y: 2 } },
        { name: "Ny AS", tags: ["a", "b"], fresh: null, same: { y: 2, x: 1 } },
      ),
    ).toEqual([
      { field: "fresh", kind: "added", after: null },
      { field: "gone", kind: "removed", before: 1 },
      { field: "name", kind: "changed", before: "Gammel AS", after: "Ny AS" },
      { field: "tags", kind: "changed", before: ["a"], after: ["a", "b"] },
    ]);
  });

  it("reads { before, after } and keeps the other fields of the detail beside the change", () => {
    expect(
      detailView({ email: "a@b.no", before: { role: "operator" }, after: { role: "admin" }, ended: true }),
    ).toEqual({
      changes: [{ field: "role", kind: "changed", before: "operator", after: "admin" }],
      rest: [
        ["email", "a@b.no"],
        ["ended", true],
      ],
    });
  });

  it("reads the environment's { changes: { field: { before, after } } } the same way", () => {
    expect(
      detailView({ changes: { clientId: { before: "a", after: "b" }, scopes: { before: [], after: ["x"] } } }),
    ).toEqual({
      changes: [
        { field: "clientId", kind: "changed", before: "a", after: "b" },
        { field: "scopes", kind: "changed", before: [], after: ["x"] },
      ],
      rest: [],
    });
  });

  it("shows a detail without a change as its fields, and a before that is not an object as a field", () => {
    expect(detailView({ orgNo: "310904473", before: "x" })).toEqual({
      changes: [],
      rest: [
        ["before", "x"],
        ["orgNo", "310904473"],
      ],
    });
    expect(detailView(null)).toEqual({ changes: [], rest: [] });
  });

  it("prints text as it is and other values as JSON", () => {
    expect(showValue("Ny AS")).toBe("Ny AS");
    expect(showValue(3)).toBe("3");
    expect(showValue(null)).toBe("null");
    expect(showValue(["a"])).toBe('[\n  "a"\n]');
  });
});
