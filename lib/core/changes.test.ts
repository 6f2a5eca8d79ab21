import { describe, expect, it } from "vitest";
import { changedFields, createdFields, removedFields, toJson } from "@/lib/core/changes";

describe("changedFields", () => {
  it("keeps only the fields that changed, with both sides' values", () => {
    expect(
      changedFields({ name: "Fjord AS", tags: ["a"], notes: "x" }, { name: "Fjord ASA", tags: ["a"], notes: "x" }),
    ).toEqual({ before: { name: "Fjord AS" }, after: { name: "Fjord ASA" } });
  });

  it("is null when nothing changed, so no event is written", () => {
    expect(changedFields({ on: true, hosts: ["a.no", "b.no"] }, { on: true, hosts: ["a.no", "b.no"] })).toBeNull();
    expect(changedFields({ on: true }, {})).toBeNull();
  });

  it("leaves out what the change did not touch (undefined in after)", () => {
    expect(changedFields({ url: "https://a", enabled: true }, { url: undefined, enabled: false })).toEqual({
      before: { enabled: true },
      after: { enabled: false },
    });
  });

  it("looks only at the keys asked for", () => {
    const before = { role: "operator", disabled: false, email: "a@b.no" };
    const after = { role: "admin", disabled: false, email: "c@d.no" };
    expect(changedFields(before, after, ["role", "disabled"])).toEqual({
      before: { role: "operator" },
      after: { role: "admin" },
    });
  });

  it("compares dates by instant and writes them as ISO strings", () => {
    const at = new Date("2025-03-01T10:00:00.000Z");
    expect(changedFields({ at }, { at: new Date(at.getTime()) })).toBeNull();
    expect(changedFields({ at: null }, { at })).toEqual({
      before: { at: null },
      after: { at: "2025-03-01T10:00:00.000Z" },
    });
  });

  it("compares objects whatever their key order, arrays in order", () => {
    expect(changedFields({ name: { nb: "A", en: "B" } }, { name: { en: "B", nb: "A" } })).toBeNull();
    expect(changedFields({ name: { nb: "A", en: "B" } }, { name: { nb: "A", en: "C" } })).toEqual({
      before: { name: { en: "B", nb: "A" } },
      after: { name: { en: "C", nb: "A" } },
    });
    expect(changedFields({ tags: ["a", "b"] }, { tags: ["b", "a"] })).toEqual({
      before: { tags: ["a", "b"] },
      after: { tags: ["b", "a"] },
    });
  });

  it("sees null becoming a value and a value becoming null", () => {
    expect(changedFields({ expiresAt: null }, { expiresAt: "x" })).toEqual({
      before: { expiresAt: null },
      after: { expiresAt: "x" },
    });
    expect(changedFields({ disabledAt: "x" }, { disabledAt: null })).toEqual({
      before: { disabledAt: "x" },
      after: { disabledAt: null },
    });
  });
});

describe("created and removed fields", () => {
  it("records a create as after only and a delete as before only, as JSON", () => {
    const at = new Date("2025-01-01T00:00:00.000Z");
    expect(createdFields({ url: "https://a", at })).toEqual({ after: { url: "https://a", at: at.toISOString() } });
    expect(removedFields({ url: "https://a", events: ["x"] })).toEqual({ before: { url: "https://a", events: ["x"] } });
  });

  it("turns what JSON cannot hold into what it can", () => {
    expect(toJson(undefined)).toBeNull();
    expect(toJson(12n)).toBe("12");
    expect(toJson({ b: 1, a: [new Date(0)] })).toEqual({ a: ["1970-01-01T00:00:00.000Z"], b: 1 });
  });
});
