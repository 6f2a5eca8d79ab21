import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

const ORIGIN = "https://portal.example.no";

describe("safeCallbackUrl", () => {
  it.each([
    ["/", "/"],
    ["/systems", "/systems"],
    ["/requests?status=New#top", "/requests?status=New#top"],
    ["/customers/3f1c2a9e-0000-4000-8000-000000000000", "/customers/3f1c2a9e-0000-4000-8000-000000000000"],
    // An absolute URL on the portal's own origin is reduced to its path.
    ["https://portal.example.no/audit?page=2", "/audit?page=2"],
    // Dot segments are resolved as a browser would.
    ["/systems/../audit", "/audit"],
  ])("follows the same-origin path %j", (raw, expected) => {
    expect(safeCallbackUrl(raw, ORIGIN)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/signin",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%2F%2Fevil.example",
    "%2F%2Fevil.example",
    "/%252F%252Fevil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "http://evil.example",
    "https://evil.example/systems",
    "https://portal.example.no.evil.example/",
    "https://portal.example.no@evil.example/",
    "http://portal.example.no/systems", // another scheme is another origin
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\t/evil.example",
    "/\n/evil.example",
    "/systems\r\nSet-Cookie: x=1",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "evil.example",
    "systems",
    " /systems",
    "",
  ])("refuses %j (goes to /)", (raw) => {
    expect(safeCallbackUrl(raw, ORIGIN)).toBe("/");
  });

  it("refuses what is not a string or is absurdly long", () => {
    expect(safeCallbackUrl(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackUrl(["/systems"], ORIGIN)).toBe("/");
    expect(safeCallbackUrl(`/${"a".repeat(5000)}`, ORIGIN)).toBe("/");
  });

  it("keeps a path with a stray percent sign (it cannot be decoded, so it cannot decode into another host)", () => {
    expect(safeCallbackUrl("/customers?q=100%", ORIGIN)).toBe("/customers?q=100%");
  });
});
