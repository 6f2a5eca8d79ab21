import { describe, expect, it } from "vitest";
import { isAllowedRedirectUrl, selfServiceUrl } from "@/lib/dal/environments";

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

  it.each(["not a url", "", "/relative/path", "//vendor.example/cb", "javascript:alert(1)", "ftp://127.0.0.1/x", "file:///etc/passwd"])(
    "refuses garbage and other schemes: %j",
    (value) => {
      for (const kind of KINDS) expect(isAllowedRedirectUrl(kind, value)).toBe(false);
    },
  );
});

describe("selfServiceUrl", () => {
  it("points tt02 and production at Digdir and the emulator at its own page", () => {
    const base = { altinnBaseUrl: "http://127.0.0.1:4010", clientId: "abc def" };
    expect(selfServiceUrl({ ...base, kind: "test" })).toBe("https://sjolvbetjening.test.samarbeid.digdir.no");
    expect(selfServiceUrl({ ...base, kind: "production" })).toBe("https://sjolvbetjening.samarbeid.digdir.no");
    expect(selfServiceUrl({ ...base, kind: "emulator" })).toBe("http://127.0.0.1:4010/selfservice/clients/abc%20def");
  });
});
