import { describe, expect, it } from "vitest";
import { canonicalJson, hashEvent } from "@/lib/audit/chain";

const event = {
  at: new Date("2026-11-25T12:00:00.123Z"),
  actorType: "user",
  actorId: "u1",
  actorLabel: "ola@vendor.no",
  action: "system.register",
  targetType: "system",
  targetId: "991825827_x",
  outcome: "success",
  detail: { email: "a@b.no", role: "admin", nested: { z: 1, a: [2, { y: 1, b: 2 }] } },
  environmentId: null,
  chain: "installation",
  chainSeq: 7n,
  orgNumber: null,
  systemId: "991825827_x",
};

describe("audit hash chain", () => {
  it("does not depend on the key order jsonb hands back", () => {
    const reordered = {
      ...event,
      detail: { role: "admin", nested: { a: [2, { b: 2, y: 1 }], z: 1 }, email: "a@b.no" },
    };
    expect(hashEvent("0".repeat(64), reordered)).toBe(hashEvent("0".repeat(64), event));
  });

  it("changes when any recorded fact or the predecessor changes", () => {
    const base = hashEvent("0".repeat(64), event);
    expect(hashEvent("1".repeat(64), event)).not.toBe(base);
    expect(hashEvent("0".repeat(64), { ...event, outcome: "failure" })).not.toBe(base);
    expect(hashEvent("0".repeat(64), { ...event, detail: { ...event.detail, role: "operator" } })).not.toBe(base);
    expect(hashEvent("0".repeat(64), { ...event, at: new Date("2026-11-25T12:00:00.124Z") })).not.toBe(base);
    // Its place: another position or another chain is another event.
    expect(hashEvent("0".repeat(64), { ...event, chainSeq: 8n })).not.toBe(base);
    expect(hashEvent("0".repeat(64), { ...event, chain: "f0e1d2c3-0000-4000-8000-000000000000" })).not.toBe(base);
    expect(hashEvent("0".repeat(64), { ...event, systemId: null })).not.toBe(base);
  });

  it("writes canonical JSON with sorted keys", () => {
    expect(canonicalJson({ b: 1, a: [null, "x"], c: undefined })).toBe('{"a":[null,"x"],"b":1}');
  });
});
