import { createHmac } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { externalRefFor } from "@/lib/customers/derived-ref";
import { EXTERNAL_REF_PATTERN } from "@/lib/customers/external-ref";

// The installation's master key, as lib/core/master-key.ts would use it.
vi.mock("@/lib/core/master-key", () => ({
  keyedDigest: (purpose: string, value: string) =>
    createHmac("sha256", Buffer.alloc(32, 7)).update(`${purpose}\0${value}`).digest(),
}));

describe("externalRefFor", () => {
  it("is opaque and the same for every attempt, so Altinn's idempotent create finds the one request", () => {
    const ref = externalRefFor("env-a", "310904473");
    expect(ref).toMatch(EXTERNAL_REF_PATTERN);
    expect(ref).not.toMatch(/\d{9}/);
    expect(externalRefFor("env-a", "310904473")).toBe(ref);
  });

  it("differs per customer and per environment", () => {
    const refs = new Set([
      externalRefFor("env-a", "310904473"),
      externalRefFor("env-a", "313469999"),
      externalRefFor("env-b", "310904473"),
    ]);
    expect(refs.size).toBe(3);
  });
});
