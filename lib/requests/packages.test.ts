import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { packagesForKind, usablePackages } from "@/lib/requests/packages";

const PKG = "urn:altinn:accesspackage:";
const SYSTEM = [
  `${PKG}skattegrunnlag`,
  `${PKG}regnskapsforer-lonn`,
  `${PKG}ansvarlig-revisor`,
  `${PKG}hovedadministrator`,
  `${PKG}ikke-i-katalogen`,
];

describe("packages per request kind (CONTRACT §6.1)", () => {
  it("gives a standard request the assignable packages, an agent request the client packages", () => {
    expect(usablePackages(SYSTEM, "standard")).toEqual([
      `${PKG}skattegrunnlag`,
      `${PKG}hovedadministrator`,
      `${PKG}ikke-i-katalogen`,
    ]);
    expect(usablePackages(SYSTEM, "agent")).toEqual([
      `${PKG}regnskapsforer-lonn`,
      `${PKG}ansvarlig-revisor`,
      `${PKG}ikke-i-katalogen`,
    ]);
  });

  it("explains a system with nothing for the kind, and lets a rights-only system through for standard", () => {
    expect(() => packagesForKind([`${PKG}skattegrunnlag`], "agent")).toThrow(AppError);
    expect(() => packagesForKind([`${PKG}regnskapsforer-lonn`], "standard")).toThrow(/only client packages/);
    expect(packagesForKind([], "standard")).toEqual([]);
    expect(() => packagesForKind([], "agent")).toThrow(/no access packages an agent/);
  });
});
