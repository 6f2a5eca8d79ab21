import { describe, expect, it } from "vitest";
import { isAllowedConfirmUrl, isAllowedRedirectUrl, selfServiceUrl } from "@/lib/environments/rules";

// Pure functions only: importing the module does not touch the database (db is created on first use).
const KINDS = ["emulator", "test", "production"] as const;

describe("isAllowedRedirectUrl", () => {
  it.each(KINDS)("accepts absolute https URLs in %s", (kind) => {
    expect(isAllowedRedirectUrl(kind, "https://vendor.example/onboard/callback")).toBe(true);
    expect(isAllowedRedirectUrl(kind, "https://127.0.0.1:8443/cb?state=x")).toBe(true);
  });

  it.each(["http://127.0.0.1:3000/onboard/callback", "http://localhost/cb", "http://[::1]:3000/cb"])(
    "accepts loopback http %s only against the emulator",
    (url) => {
      expect(isAllowedRedirectUrl("emulator", url)).toBe(true);
      expect(isAllowedRedirectUrl("test", url)).toBe(false);
      expect(isAllowedRedirectUrl("production", url)).toBe(false);
    },
  );

  it.each(KINDS)("refuses http on non-loopback hosts in %s", (kind) => {
    expect(isAllowedRedirectUrl(kind, "http://vendor.example/cb")).toBe(false);
    expect(isAllowedRedirectUrl(kind, "http://10.0.0.5/cb")).toBe(false);
    // A host that merely starts with a loopback name is not loopback.
    expect(isAllowedRedirectUrl(kind, "http://localhost.evil.example/cb")).toBe(false);
    expect(isAllowedRedirectUrl(kind, "http://127.0.0.1.nip.io/cb")).toBe(false);
  });

  it.each([
    "not a url",
    "",
    "/relative/path",
    "//vendor.example/cb",
    "javascript:alert(1)",
    "ftp://127.0.0.1/x",
    "file:///etc/passwd",
  ])("refuses garbage and other schemes: %j", (value) => {
    for (const kind of KINDS) expect(isAllowedRedirectUrl(kind, value)).toBe(false);
  });
});

describe("selfServiceUrl", () => {
  it("points tt02 and production at Digdir and the emulator at its own page", () => {
    const base = { altinnBaseUrl: "http://127.0.0.1:4010", clientId: "abc def" };
    expect(selfServiceUrl({ ...base, kind: "test" })).toBe("https://sjolvbetjening.test.samarbeid.digdir.no");
    expect(selfServiceUrl({ ...base, kind: "production" })).toBe("https://sjolvbetjening.samarbeid.digdir.no");
    expect(selfServiceUrl({ ...base, kind: "emulator" })).toBe("http://127.0.0.1:4010/selfservice/clients/abc%20def");
  });
});

describe("isAllowedConfirmUrl", () => {
  const tt02 = { kind: "test" as const, confirmUrlHosts: ["am.ui.tt02.altinn.no"] };
  const local = { kind: "emulator" as const, confirmUrlHosts: ["127.0.0.1:4010"] };
  const confirm =
    "/accessmanagement/ui/systemuser/request?id=505f8488-3d48-4c15-8e21-35cb9432f815&DONTCHOOSEREPORTEE=true";

  it("accepts https on an allowed host, in any case", () => {
    expect(isAllowedConfirmUrl(tt02, `https://am.ui.tt02.altinn.no${confirm}`)).toBe(true);
    expect(isAllowedConfirmUrl(tt02, `https://AM.UI.TT02.altinn.no${confirm}`)).toBe(true);
    expect(isAllowedConfirmUrl(tt02, `https://am.ui.tt02.altinn.no:443${confirm}`)).toBe(true);
  });

  it.each([
    ["another host", `https://am.ui.altinn.no${confirm}`],
    ["a look-alike suffix", `https://am.ui.tt02.altinn.no.evil.example${confirm}`],
    ["a sub-domain", `https://x.am.ui.tt02.altinn.no${confirm}`],
    ["another port", `https://am.ui.tt02.altinn.no:8443${confirm}`],
    ["plain http", `http://am.ui.tt02.altinn.no${confirm}`],
    ["user info hiding the host", `https://am.ui.tt02.altinn.no@evil.example${confirm}`],
    ["garbage", "not a url"],
    ["a relative URL", confirm],
    ["javascript:", "javascript:alert(1)"],
  ])("refuses %s", (_what, url) => {
    expect(isAllowedConfirmUrl(tt02, url)).toBe(false);
  });

  it("lets the emulator use http on loopback, with the port in the allowlist", () => {
    expect(isAllowedConfirmUrl(local, `http://127.0.0.1:4010${confirm}`)).toBe(true);
    expect(isAllowedConfirmUrl(local, `http://127.0.0.1:4011${confirm}`)).toBe(false);
    expect(
      isAllowedConfirmUrl({ ...local, confirmUrlHosts: ["vendor.example"] }, `http://vendor.example${confirm}`),
    ).toBe(false);
    expect(
      isAllowedConfirmUrl({ ...tt02, confirmUrlHosts: ["127.0.0.1:4010"] }, `http://127.0.0.1:4010${confirm}`),
    ).toBe(false);
  });

  it("refuses everything when the allowlist is empty", () => {
    expect(isAllowedConfirmUrl({ ...tt02, confirmUrlHosts: [] }, `https://am.ui.tt02.altinn.no${confirm}`)).toBe(false);
  });
});
