import { describe, expect, it } from "vitest";
import { EXTERNAL_REF_PATTERN, newExternalRef } from "@/lib/customers/external-ref";

describe("newExternalRef", () => {
  it("is c_ plus 16 lower-case base32 characters, different every time", () => {
    const refs = Array.from({ length: 200 }, newExternalRef);
    for (const ref of refs) expect(ref).toMatch(EXTERNAL_REF_PATTERN);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it("never contains nine digits in a row (nothing that reads as an org number)", () => {
    for (let i = 0; i < 200; i++) expect(newExternalRef()).not.toMatch(/\d{9}/);
  });
});
