import { randomInt } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { alertOf, createUser, expect, signInFresh, test } from "./fixtures";

// Findings 1 (public rate limits keyed by the real client) and 9 (security headers). The security
// portal runs with TRUST_PROXY_HOPS=1 (e2e/servers.ts), so a check plays both the client and the proxy:
// the X-Forwarded-For entry it appends last is "the address the proxy saw"; anything left of it is the
// client's own claim. PUBLIC_RATE_LIMIT_PER_MINUTE is 20 there (security/playwright.config.ts).
const LIMIT = 20;
/** A fresh documentation address per run, so earlier runs' windows (kept in the database) never count. */
const address = () => `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** The open onboarding page's form POST (its own limit, "start"), as the client behind the proxy. */
const startFrom = (request: APIRequestContext, forwardedFor: string, extra: Record<string, string> = {}) =>
  request.post("/onboard/local/no-such-system/start", {
    form: { orgNo: "310000001" },
    headers: { "x-forwarded-for": forwardedFor, ...extra },
    maxRedirects: 0,
  });

async function exhaust(request: APIRequestContext, forwardedFor: string) {
  const answers: number[] = [];
  for (let i = 0; i <= LIMIT; i += 1) answers.push((await startFrom(request, forwardedFor)).status());
  expect(answers.slice(0, LIMIT).every((s) => s === 303)).toBe(true);
  expect(answers[LIMIT]).toBe(429);
}

test("F1 rate limits: one client exhausting the open page's limit does not block another address", async ({
  request,
}) => {
  const [attacker, victim] = [address(), address()];
  // The attacker writes the victim's address where a naive reader looks (leftmost) to spend its limit.
  await exhaust(request, `${victim}, ${attacker}`);
  const limited = await startFrom(request, attacker);
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  // The victim, and a customer connecting directly (keyed on the socket), go on.
  expect((await startFrom(request, victim)).status()).toBe(303);
  const direct = await request.post("/onboard/local/no-such-system/start", {
    form: { orgNo: "310000001" },
    maxRedirects: 0,
  });
  expect(direct.status()).toBe(303);
});

test("F1 rate limits: a spoofed leftmost X-Forwarded-For (or the portal's own edge headers) does not reset the limit", async ({
  request,
}) => {
  const client = address();
  await exhaust(request, client);
  // The client prepends addresses of its choosing; the proxy appends the real one.
  for (const spoofed of [`${address()}, ${client}`, `${address()}, ${address()}, ${client}`])
    expect((await startFrom(request, spoofed)).status()).toBe(429);
  // Nor do the headers the portal's server uses internally, when a client sends them.
  const forged = { "x-portal-client-address": address(), "x-portal-edge-proof": "x".repeat(43) };
  expect((await startFrom(request, client, forged)).status()).toBe(429);
});

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name = "", ...values]) => [name, values]),
  );

test("F9 headers: every page has a nonce CSP (no inline script without it, no framing) and a fresh nonce each time", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (const path of ["/signin", "/onboard/l/not-a-real-token", "/clients/local"]) {
    const res = await request.get(path);
    const csp = res.headers()["content-security-policy"] ?? "";
    const d = directives(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    nonces.add(nonce);
    expect(d.get("script-src")).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(csp).not.toContain("unsafe-inline");
    const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
  }
  expect(nonces.size).toBe(3);
});

test("F9 headers: Permissions-Policy and nosniff everywhere; API answers and files without a CSP", async ({
  request,
}) => {
  for (const path of ["/signin", "/api/health", "/favicon.svg"]) {
    const h = (await request.get(path)).headers();
    expect(h["permissions-policy"]).toMatch(/camera=\(\).*microphone=\(\).*payment=\(\).*usb=\(\)/);
    expect(h["permissions-policy"]).toContain("geolocation=()");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    if (path !== "/signin") expect(h["content-security-policy"]).toBeUndefined();
  }
});

test("F9 headers: pages whose URL carries a token send no Referer and are not stored", async ({ request }) => {
  const tokenUrls = [
    "/onboard/l/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
    "/onboard/callback?ref=8f0e7c1e-1111-4222-8333-944445555666",
    "/clients/callback?code=abc&state=def",
  ];
  for (const path of tokenUrls) {
    const h = (await request.get(path, { maxRedirects: 0 })).headers();
    expect(h["referrer-policy"], path).toBe("no-referrer");
    expect(h["cache-control"], path).toContain("no-store");
  }
});

test("F9 headers: HSTS is absent over http and present when X-Forwarded-Proto: https comes through the trusted hop", async ({
  request,
}) => {
  expect((await request.get("/signin")).headers()["strict-transport-security"]).toBeUndefined();
  const viaProxy = await request.get("/signin", {
    headers: { "x-forwarded-for": address(), "x-forwarded-proto": "https" },
  });
  expect(viaProxy.headers()["strict-transport-security"]).toMatch(/^max-age=\d{8,}/);
  // The client's own claim left of what the proxy set does not count.
  const claimed = await request.get("/signin", { headers: { "x-forwarded-proto": "https, http" } });
  expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
});

/** Records every CSP refusal the page reports (the DOM event and Chromium's console message). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])),
  ];
}

test("F9 headers: pages work in Chromium under the CSP with no violation reported", async ({ page, baseURL }) => {
  const violations = await watchCsp(page);
  // The sign-in form is handled by script: its refusal message appears only if the nonced bundles ran.
  const signin = await page.goto("/signin");
  expect(signin?.headers()["content-security-policy"]).toContain("'nonce-");
  await page.getByLabel(/^(E-post|Email)$/).fill("nobody@vendor.example");
  await page.getByLabel(/^(Passord|Password)$/).fill("wrong-password-123");
  await page.getByRole("button", { name: /^(Logg inn|Sign in)$/ }).click();
  await expect(alertOf(page)).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.goto("/onboard/l/not-a-real-token");
  await expect(page.getByRole("heading", { name: "Lenken virker ikke lenger" })).toBeVisible();
  expect(await violations()).toEqual([]);

  const admin = createUser(baseURL ?? "", "admin");
  await signInFresh(page, admin.email, admin.password);
  for (const path of ["/customers", "/requests", "/api-docs", "/environments"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }
});
