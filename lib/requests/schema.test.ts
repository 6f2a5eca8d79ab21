import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createRequestSchema, orgNoSchema } from "@/lib/requests/schema";
import { createSystemSchema } from "@/lib/systems/schema";
import { changePasswordSchema } from "@/lib/users/schema";

const messages = (r: z.ZodSafeParseResult<unknown>) => (r.success ? [] : r.error.issues.map((i) => i.message));

const validSystem = {
  environmentId: "0b0f6e0a-6f59-4c3e-9f7e-2a4f6d1c9b10",
  name: "lonn-sync",
  nameNb: "Lønnssynk",
  nameNn: "Lønssynk",
  nameEn: "Payroll sync",
  descriptionNb: "Sender lønn",
  descriptionNn: "Sender løn",
  descriptionEn: "Sends payroll",
  accessPackages: ["urn:altinn:accesspackage:skattegrunnlag"],
  redirectUrl: "https://vendor.example/onboard/callback",
};

describe("orgNoSchema", () => {
  it("normalises spaces and accepts a valid number", () => {
    expect(orgNoSchema.parse(" 310 904 473 ")).toBe("310904473");
  });

  it("reports a bad check digit with the errors.orgNoChecksum key only", () => {
    expect(messages(orgNoSchema.safeParse("310904474"))).toEqual(["errors.orgNoChecksum"]);
  });

  it("reports a wrong format with the errors.orgNoFormat key only", () => {
    for (const bad of ["31090447", "3109044730", "31090447x", ""]) {
      expect(messages(orgNoSchema.safeParse(bad))).toEqual(["errors.orgNoFormat"]);
    }
  });

  it("is what createRequestSchema uses, next to a uuid system id", () => {
    const ok = createRequestSchema.safeParse({ systemId: validSystem.environmentId, orgNo: "974 760 673" });
    expect(ok.success && ok.data.orgNo).toBe("974760673");
    expect(messages(createRequestSchema.safeParse({ systemId: "nope", orgNo: "974760673" }))).toEqual([
      "errors.required",
    ]);
  });
});

describe("createSystemSchema", () => {
  it("accepts a complete system and defaults isVisible to false", () => {
    const r = createSystemSchema.safeParse(validSystem);
    expect(r.success).toBe(true);
    expect(r.success && r.data.isVisible).toBe(false);
  });

  it("refuses unknown access package URNs", () => {
    const r = createSystemSchema.safeParse({
      ...validSystem,
      accessPackages: ["urn:altinn:accesspackage:finnes-ikke"],
    });
    expect(messages(r)).toEqual(["errors.packageUnknown"]);
  });

  it.each([
    "urn:altinn:accesspackage:regnskapsforer-lonn",
    "urn:altinn:accesspackage:ansvarlig-revisor",
    "urn:altinn:accesspackage:forretningsforer-eiendom",
  ])("takes the client package %s for agent system users, but not on a visible system (AUTH.VLD-00018)", (urn) => {
    const input = { ...validSystem, accessPackages: ["urn:altinn:accesspackage:skattegrunnlag", urn] };
    expect(createSystemSchema.safeParse(input).success).toBe(true);
    expect(messages(createSystemSchema.safeParse({ ...input, isVisible: true }))).toEqual(["sysreg.vld.00018"]);
  });

  it("refuses a package no system user can hold (AUTH.VLD-00008)", () => {
    const r = createSystemSchema.safeParse({ ...validSystem, accessPackages: ["urn:altinn:accesspackage:eksplisitt"] });
    expect(messages(r)).toEqual(["errors.packageUnknown"]);
  });

  it("refuses no packages and duplicate packages", () => {
    expect(messages(createSystemSchema.safeParse({ ...validSystem, accessPackages: [] }))).toEqual([
      "errors.packageRequired",
    ]);
    const dup = [validSystem.accessPackages[0], validSystem.accessPackages[0]];
    expect(messages(createSystemSchema.safeParse({ ...validSystem, accessPackages: dup }))).toEqual([
      "errors.packageDuplicate",
    ]);
  });

  it("refuses system names Altinn would not take as an id suffix", () => {
    for (const name of ["Lonn", "lønn", "with space", "-lead", "x", "a".repeat(50)]) {
      expect(messages(createSystemSchema.safeParse({ ...validSystem, name }))).toEqual(["errors.systemName"]);
    }
  });

  it("requires texts and limits their length", () => {
    expect(messages(createSystemSchema.safeParse({ ...validSystem, nameNb: "   " }))).toEqual(["errors.required"]);
    expect(messages(createSystemSchema.safeParse({ ...validSystem, descriptionEn: "x".repeat(1001) }))).toEqual([
      "errors.tooLong",
    ]);
    expect(messages(createSystemSchema.safeParse({ ...validSystem, redirectUrl: "" }))).toEqual(["errors.required"]);
  });
});

describe("changePasswordSchema", () => {
  it("requires 12 characters and a matching confirmation", () => {
    expect(
      changePasswordSchema.safeParse({ current: "old", next: "correct horse", confirm: "correct horse" }).success,
    ).toBe(true);
    expect(messages(changePasswordSchema.safeParse({ current: "old", next: "short", confirm: "short" }))).toEqual([
      "errors.passwordShort",
    ]);
    const mismatch = changePasswordSchema.safeParse({
      current: "old",
      next: "correct horse",
      confirm: "correct horsf",
    });
    expect(mismatch.success ? null : mismatch.error.issues.map((i) => [i.message, i.path.join(".")])).toEqual([
      ["errors.passwordMismatch", "confirm"],
    ]);
  });
});

describe("createSystemSchema client ids", () => {
  it("splits on spaces and commas, defaults to none, and is idempotent", () => {
    expect(createSystemSchema.parse({ ...validSystem, clientIds: " a-1, b_2  c.3 " }).clientIds).toEqual([
      "a-1",
      "b_2",
      "c.3",
    ]);
    expect(createSystemSchema.parse(validSystem).clientIds).toEqual([]);
    const once = createSystemSchema.parse({ ...validSystem, clientIds: "x y" });
    expect(createSystemSchema.parse(once).clientIds).toEqual(["x", "y"]);
  });

  it("rejects odd characters and duplicates with i18n keys", () => {
    expect(createSystemSchema.safeParse({ ...validSystem, clientIds: "ok bad/id" }).error?.issues[0]?.message).toBe(
      "errors.clientIdFormat",
    );
    expect(createSystemSchema.safeParse({ ...validSystem, clientIds: "same same" }).error?.issues[0]?.message).toBe(
      "errors.clientIdDuplicate",
    );
  });
});
