// HTTP-level helpers for the API specs (e2e/api-*.spec.ts): no browser page, only requests.
import { randomInt } from "node:crypto";
import { test as base, expect, type APIRequestContext, type APIResponse } from "@playwright/test";

/**
 * An address from the benchmarking range (198.18.0.0/15) for one test. The e2e servers trust
 * X-Forwarded-For (servers.ts), so the public rate limits count this test apart from every other.
 */
export const freshAddress = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** `anon`: a client with no session and an address of its own; redirects are not followed. */
export const test = base.extend<{ anon: APIRequestContext }>({
  anon: async ({ playwright, baseURL }, provide) => {
    const anon = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { "x-forwarded-for": freshAddress() },
    });
    await provide(anon);
    await anon.dispose();
  },
});
export { expect };

export const NO_REDIRECTS = { maxRedirects: 0 } as const;

/** A 303 whose Location has this path and query (exactly); returns the Location as a URL. */
export function expectSeeOther(res: APIResponse, pathAndQuery: string | RegExp): URL {
  expect(res.status(), `${res.url()} → ${res.status()}`).toBe(303);
  const location = new URL(res.headers()["location"] ?? "", res.url());
  const got = `${location.pathname}${location.search}`;
  if (typeof pathAndQuery === "string") expect(got).toBe(pathAndQuery);
  else expect(got).toMatch(pathAndQuery);
  return location;
}

/** Where a relative path of the Location leads on this server (the Location's own host may differ). */
export const pathOf = (url: URL) => `${url.pathname}${url.search}`;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'", nbsp: " " };

/** The text of every role="alert" element in server-rendered HTML: the message a person would see. */
export function alertsIn(html: string): string[] {
  return [...html.matchAll(/<(\w+)[^>]*\brole="alert"[^>]*>([\s\S]*?)<\/\1>/g)]
    .map((m) =>
      (m[2] ?? "")
        .replace(/<[^>]+>/g, "")
        .replace(/&(#x27|#39|amp|lt|gt|quot|nbsp);/g, (_, e: string) => ENTITIES[e] ?? "")
        .trim(),
    )
    .filter(Boolean);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
