import { describe, expect, it } from "vitest";
import { methodLabel, normaliseRoute, routeLabel } from "@/lib/core/metrics-route";

describe("normaliseRoute", () => {
  it.each([
    ["/", "/"],
    ["/customers", "/customers"],
    ["/api/v1/requests/3f0c8a52-1d6e-4c3b-9a4f-0b2d6c7e8f90/renew", "/api/v1/requests/:id/renew"],
    ["/requests/3F0C8A52-1D6E-4C3B-9A4F-0B2D6C7E8F90", "/requests/:id"],
    ["/audit/12345", "/audit/:id"],
    ["/customers/310904473", "/customers/:id"],
    ["/onboard/local/312345678_erp", "/onboard/local/:id"],
    ["/onboard/l/Xk3v9QzP0aB7LmN2wR5tYc", "/onboard/l/:id"],
    ["/onboard/l/XkvQzPaBLmNwRtYcdeFg", "/onboard/l/:id"],
    ["/users/ckz9x1y2b0000qzrmn8d4h6j2", "/users/:id"],
    ["/api/live?x=1#frag", "/api/live"],
    ["/_next/static/chunks/app/page-4f3a2b1c.js", "/_next/static/*"],
    ["/api/v1/webhook-endpoints/abc/rotate-secret", "/api/v1/webhook-endpoints/abc/rotate-secret"],
    ["/Customers/Bulk", "/customers/bulk"],
    ["/apple-touch-icon.png", "/apple-touch-icon.png"],
    ["/" + "a".repeat(60), "/:id"],
  ])("%s → %s", (path, label) => {
    expect(normaliseRoute(path)).toBe(label);
  });

  it("keeps the API version and short names", () => {
    expect(normaliseRoute("/api/v1/systems")).toBe("/api/v1/systems");
    expect(normaliseRoute("/clients/tt02/jobs/7/progress")).toBe("/clients/tt02/jobs/:id/progress");
  });

  it("cuts deep paths so a path cannot mint labels by its length", () => {
    expect(normaliseRoute("/a/b/c/d/e/f/g/h/i/j/k")).toBe("/a/b/c/d/e/f/g/h/*");
  });

  it("tolerates malformed escapes", () => {
    expect(normaliseRoute("/x/%E0%A4%A")).toBe("/x/%e0%a4%a");
  });

  it("gives every not-found answer one label", () => {
    expect(routeLabel("/wp-login.php", 404)).toBe("(not found)");
    expect(routeLabel("/requests/42", 200)).toBe("/requests/:id");
  });

  it("stays bounded over many distinct ids", () => {
    const labels = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      labels.add(normaliseRoute(`/requests/${crypto.randomUUID()}`));
      labels.add(normaliseRoute(`/customers/${100000000 + i * 7919}`));
      labels.add(
        normaliseRoute(`/onboard/l/${Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64url")}`),
      );
    }
    expect([...labels].sort()).toEqual(["/customers/:id", "/onboard/l/:id", "/requests/:id"]);
  });
});

describe("methodLabel", () => {
  it("keeps the HTTP methods and folds anything else", () => {
    expect(methodLabel("post")).toBe("POST");
    expect(methodLabel(undefined)).toBe("GET");
    expect(methodLabel("PROPFIND")).toBe("OTHER");
  });
});
