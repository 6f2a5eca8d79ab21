import { describe, expect, it } from "vitest";
import { checkRedirectUrl, isRegistrableRedirectUrl } from "./redirects";

const ALLOWED = ["https://app.vendor.no/onboard/callback", "http://127.0.0.1:3000/onboard/callback"];

describe("checkRedirectUrl (CONTRACT §4.1: scheme + host + path must match; query free)", () => {
  it("accepts the same scheme, host and path with any query string", () => {
    expect(checkRedirectUrl("https://app.vendor.no/onboard/callback?ref=abc&x=1", ALLOWED)).toEqual({
      ok: true,
      matched: ALLOWED[0],
    });
    expect(checkRedirectUrl("https://app.vendor.no/onboard/callback", ALLOWED)).toMatchObject({ ok: true });
    expect(checkRedirectUrl("http://127.0.0.1:3000/onboard/callback?ref=1", ALLOWED)).toMatchObject({
      ok: true,
      matched: ALLOWED[1],
    });
  });

  it("treats the default port and host case as Uri does", () => {
    expect(checkRedirectUrl("https://APP.vendor.no:443/onboard/callback", ALLOWED)).toMatchObject({ ok: true });
  });

  it("refuses another path, and says the path is what differs", () => {
    expect(checkRedirectUrl("https://app.vendor.no/onboard/callback/extra", ALLOWED)).toEqual({
      ok: false,
      reason: "noMatch",
      closest: { url: ALLOWED[0], differs: "path" },
    });
    expect(checkRedirectUrl("https://app.vendor.no/Onboard/callback", ALLOWED)).toMatchObject({
      ok: false,
      closest: { differs: "path" },
    });
  });

  it("refuses another scheme or host, and says which", () => {
    expect(checkRedirectUrl("http://app.vendor.no/onboard/callback", ALLOWED)).toMatchObject({
      ok: false,
      reason: "noMatch",
      closest: { differs: "scheme" },
    });
    expect(checkRedirectUrl("https://evil.example/onboard/callback", ALLOWED)).toMatchObject({
      ok: false,
      reason: "noMatch",
      closest: { differs: "host" },
    });
    expect(checkRedirectUrl("http://127.0.0.1:3001/onboard/callback", ALLOWED)).toMatchObject({
      ok: false,
      closest: { differs: "host" },
    });
    expect(checkRedirectUrl("https://other.example/else", ALLOWED)).toEqual({
      ok: false,
      reason: "noMatch",
      closest: undefined,
    });
  });

  it("refuses empty and relative input, and any URL when nothing is allowed (AUTH-00026)", () => {
    expect(checkRedirectUrl("  ", ALLOWED)).toEqual({ ok: false, reason: "empty" });
    expect(checkRedirectUrl("/onboard/callback", ALLOWED)).toEqual({ ok: false, reason: "invalid" });
    expect(checkRedirectUrl("https://app.vendor.no/onboard/callback", [])).toEqual({ ok: false, reason: "noAllowed" });
  });
});

describe("isRegistrableRedirectUrl (AUTH.VLD-00005)", () => {
  it("takes absolute https everywhere and loopback http only where allowed", () => {
    expect(isRegistrableRedirectUrl("https://app.vendor.no/cb", false)).toBe(true);
    expect(isRegistrableRedirectUrl("http://127.0.0.1:3000/cb", true)).toBe(true);
    expect(isRegistrableRedirectUrl("http://localhost/cb", true)).toBe(true);
    expect(isRegistrableRedirectUrl("http://127.0.0.1:3000/cb", false)).toBe(false);
    expect(isRegistrableRedirectUrl("http://vendor.example/cb", true)).toBe(false);
    expect(isRegistrableRedirectUrl("vendor.example/cb", true)).toBe(false);
    expect(isRegistrableRedirectUrl("ftp://vendor.example/cb", true)).toBe(false);
  });
});
