import { describe, expect, it } from "vitest";
import { carriesToken, contentSecurityPolicy, requestKind, securityHeaders } from "@/lib/core/security-headers";

const base = { https: false, dev: false, loopbackPortal: false, nonce: "bm9uY2U=" };
const headersFor = (url: string, over: Partial<typeof base> = {}) => {
  const u = new URL(url, "http://portal.example");
  return securityHeaders({ ...base, ...over, pathname: u.pathname, search: u.searchParams });
};
const directives = (csp: string | undefined) =>
  Object.fromEntries((csp ?? "").split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

describe("content security policy", () => {
  it("allows scripts only with the nonce (strict-dynamic), no inline script, no framing", () => {
    const d = directives(
      contentSecurityPolicy({ nonce: "abc", dev: false, formsLeadToAltinn: false, loopbackPortal: false }),
    );
    expect(d["script-src"]).toBe("'self' 'nonce-abc' 'strict-dynamic'");
    expect(d["style-src"]).toBe("'self' 'nonce-abc'");
    expect(d["frame-ancestors"]).toBe("'none'");
    expect(d["object-src"]).toBe("'none'");
    expect(d["base-uri"]).toBe("'self'");
    expect(d["img-src"]).toBe("'self' data:");
    expect(d["connect-src"]).toBe("'self'");
    expect(d["form-action"]).toBe("'self'");
    expect(Object.values(d).join(" ")).not.toMatch(/unsafe/);
  });

  it("adds eval only in development", () => {
    const d = directives(
      contentSecurityPolicy({ nonce: "abc", dev: true, formsLeadToAltinn: false, loopbackPortal: false }),
    );
    expect(d["script-src"]).toContain("'unsafe-eval'");
  });

  it("lets the onboarding forms go on to Altinn (https; the emulator's loopback only on a loopback portal)", () => {
    const prod = directives(headersFor("/onboard/tt02/sys")["content-security-policy"]);
    expect(prod["form-action"]).toBe("'self' https:");
    const local = directives(headersFor("/onboard/local/sys", { loopbackPortal: true })["content-security-policy"]);
    expect(local["form-action"]).toContain("http://127.0.0.1:*");
    expect(directives(headersFor("/customers")["content-security-policy"])["form-action"]).toBe("'self'");
  });
});

describe("security headers per request", () => {
  it("puts the CSP on pages only; files and API answers get the rest", () => {
    expect(requestKind("/customers")).toBe("document");
    expect(requestKind("/onboard/l/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-def_ghi")).toBe("document");
    expect(requestKind("/api/v1/systems")).toBe("api");
    expect(requestKind("/_next/static/chunks/a.js")).toBe("asset");
    expect(requestKind("/favicon.svg")).toBe("asset");
    for (const url of ["/api/v1/systems", "/_next/static/chunks/a.js", "/favicon.svg"]) {
      const h = headersFor(url);
      expect(h["content-security-policy"]).toBeUndefined();
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["permissions-policy"]).toContain("camera=()");
    }
    expect(headersFor("/customers")["content-security-policy"]).toContain("'nonce-bm9uY2U='");
  });

  it("sends no Referer and forbids caching where the URL carries a token", () => {
    for (const url of [
      "/onboard/l/abc.def.ghi",
      "/onboard/callback?ref=1",
      "/clients/callback?code=x&state=y",
      "/api/auth/callback/oidc?code=x",
      "/clients/local?code=1",
    ]) {
      expect(carriesToken(new URL(url, "http://p").pathname, new URL(url, "http://p").searchParams)).toBe(true);
      expect(headersFor(url)["referrer-policy"]).toBe("no-referrer");
      expect(headersFor(url)["cache-control"]).toBe("no-store");
    }
    expect(headersFor("/customers")["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headersFor("/customers")["cache-control"]).toBeUndefined();
  });

  it("sends HSTS only over https", () => {
    expect(headersFor("/customers")["strict-transport-security"]).toBeUndefined();
    expect(headersFor("/customers", { https: true })["strict-transport-security"]).toMatch(/^max-age=31536000/);
  });
});
