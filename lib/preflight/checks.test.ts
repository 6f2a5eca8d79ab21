import { describe, expect, it } from "vitest";
import {
  blocks,
  entityCheck,
  intendedKind,
  isReady,
  systemChecks,
  type CheckedSystem,
  type PackageFlags,
} from "./checks";

const name = { nb: "Pakke", nn: "Pakke", en: "Package" };
const FLAGS: Record<string, PackageFlags> = {
  "urn:altinn:accesspackage:both": { isAssignable: true, isDelegable: true, name },
  "urn:altinn:accesspackage:client": { isAssignable: false, isDelegable: true, name },
  "urn:altinn:accesspackage:admin": { isAssignable: true, isDelegable: false, name },
};
const find = (urn: string) => FLAGS[urn];
const CALLBACK = "https://portal.example/onboard/callback?ref=x";
const base: CheckedSystem = {
  systemId: "991825827_s",
  accessPackages: ["urn:altinn:accesspackage:both"],
  rights: [],
  clientIds: ["Client-1"],
  redirectUrls: ["https://portal.example/onboard/callback"],
  altinnInternalId: "abc",
  deletedAt: null,
};
const run = (s: Partial<CheckedSystem>, kind: "standard" | "agent" = "standard") =>
  systemChecks({ ...base, ...s }, kind, { find, redirectUrl: CALLBACK, environmentClientId: "client-1" });
const failing = (s: Partial<CheckedSystem>, kind: "standard" | "agent" = "standard") =>
  run(s, kind)
    .filter((c) => c.verdict === "fail")
    .map((c) => (c.pkg ? `${c.key} ${c.pkg.urn}` : c.key));

describe("systemChecks", () => {
  it("passes a registered system holding the client (case-insensitive) and the callback (query free)", () => {
    expect(isReady(run({}))).toBe(true);
  });

  it("names a client package for standard and an admin package for agent; unknown packages fail both", () => {
    const packages = [
      "urn:altinn:accesspackage:client",
      "urn:altinn:accesspackage:admin",
      "urn:altinn:accesspackage:gone",
    ];
    expect(failing({ accessPackages: packages })).toEqual([
      "preflight.packages.notAssignable urn:altinn:accesspackage:client",
      "preflight.packages.unknown urn:altinn:accesspackage:gone",
    ]);
    expect(failing({ accessPackages: packages }, "agent")).toEqual([
      "preflight.packages.notDelegable urn:altinn:accesspackage:admin",
      "preflight.packages.unknown urn:altinn:accesspackage:gone",
    ]);
  });

  it("fails a deleted or unregistered system, a missing redirect and a missing client", () => {
    expect(failing({ deletedAt: new Date() })).toEqual(["preflight.registered.deleted"]);
    expect(failing({ altinnInternalId: null, rights: ["r"] })).toEqual([
      "preflight.registered.missing",
      "preflight.rights.unchecked",
    ]);
    expect(failing({ redirectUrls: [] })).toEqual(["preflight.redirect.none"]);
    expect(failing({ redirectUrls: ["http://portal.example/onboard/callback"] })).toEqual([
      "preflight.redirect.notRegistered",
    ]);
    expect(failing({ clientIds: [] })).toEqual(["preflight.clientId.none"]);
    expect(failing({ clientIds: ["other"] })).toEqual(["preflight.clientId.other"]);
  });

  it("a missing client makes the system not ready, yet Altinn would still take a request", () => {
    const checks = run({ clientIds: [] });
    expect(isReady(checks)).toBe(false);
    expect(checks.some(blocks)).toBe(false);
    expect(run({ redirectUrls: [] }).some(blocks)).toBe(true);
  });

  it("agent: no packages fails, single rights only warn (agent requests carry none)", () => {
    expect(failing({ accessPackages: [] }, "agent")).toEqual(["preflight.packages.noneAgent"]);
    expect(run({ rights: ["r1"] }, "agent").find((c) => c.id === "rights")?.verdict).toBe("warn");
  });
});

describe("intendedKind", () => {
  it("is agent when a package is delegable only", () => {
    expect(intendedKind(["urn:altinn:accesspackage:both"], find)).toBe("standard");
    expect(intendedKind(["urn:altinn:accesspackage:both", "urn:altinn:accesspackage:client"], find)).toBe("agent");
  });
});

describe("entityCheck", () => {
  it("fails unknown, removed and deleted; warns bankrupt, liquidation and an outage", () => {
    const found = { status: "found" as const, name: "X AS", bankrupt: false, underLiquidation: false, deletedOn: null };
    expect(entityCheck("1", found).verdict).toBe("pass");
    expect(entityCheck("1", { status: "unknown" }).verdict).toBe("fail");
    expect(entityCheck("1", { status: "removed" }).verdict).toBe("fail");
    expect(entityCheck("1", { ...found, deletedOn: "2026-01-01" }).verdict).toBe("fail");
    expect(entityCheck("1", { ...found, bankrupt: true }).verdict).toBe("warn");
    expect(entityCheck("1", { ...found, underLiquidation: true }).verdict).toBe("warn");
    expect(entityCheck("1", { status: "unchecked" })).toMatchObject({
      verdict: "warn",
      key: "preflight.entity.unchecked",
    });
    // A test environment has no register (tt02's organisations are synthetic): said, never a refusal.
    expect(entityCheck("1", { status: "off" })).toMatchObject({ verdict: "pass", key: "preflight.entity.off" });
  });
});
