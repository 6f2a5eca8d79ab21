import path from "node:path";
import { urlFor } from "../scripts/lib/embedded-db";
// Helpers for security/sessions.check.ts: next-auth's credentials sign-in over HTTP, clients that the
// portal counts apart, two browsers for one person, and the target's database for what only time does.
import type { APIRequestContext, Browser, Page, PlaywrightWorkerArgs } from "@playwright/test";
import pg from "pg";
import { freshAddress } from "../e2e/api";
import { createUser, expect, NEW_PASSWORD, signIn, signInFresh, type RoleName } from "../e2e/fixtures";
import { targetByPort } from "../e2e/servers";

export { freshAddress };

/** An HTTP client with cookies of its own and its own address (the portal trusts X-Forwarded-For here). */
export function client(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, address = freshAddress()) {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": address } });
}

/**
 * Signs in as the sign-in form does (next-auth's CSRF token, then the credentials callback). `error` is
 * what next-auth puts in ?error= (CredentialsSignin, RateLimited, ...), null when signed in; `url` is where
 * next-auth sends the browser.
 */
export async function credentialsSignIn(api: APIRequestContext, email: string, password: string, callbackUrl = "/") {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl, json: "true" },
  });
  const { url } = (await res.json()) as { url: string };
  return { error: new URL(url).searchParams.get("error"), url };
}

/** A person with a chosen password, signed in in two browsers (say, a laptop and a phone). */
export async function twoBrowsers(browser: Browser, baseURL: string, role: RoleName = "operator") {
  const user = createUser(baseURL, role);
  const open = async () => (await browser.newContext({ baseURL })).newPage();
  const laptop = await open();
  await signInFresh(laptop, user.email, user.password);
  const phone = await open();
  await signIn(phone, user.email, NEW_PASSWORD);
  await expect(phone.getByRole("heading", { name: "Oversikt" })).toBeVisible();
  return { user, laptop, phone };
}

/** The page's next request finds no session: the portal sends it to sign in. */
export async function expectSignedOut(page: Page, path = "/") {
  await page.goto(path);
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("heading", { name: "Logg inn" })).toBeVisible();
}

/** SQL on the target portal's own database (PGlite behind its socket), e.g. to let 24 hours pass. */
export async function onTargetDatabase(baseURL: string, sql: string, params: unknown[]) {
  const target = targetByPort(baseURL);
  // The embedded database listens only on its Unix socket in the data dir (ADR 019).
  const url = target.databaseUrl ?? urlFor(path.join(target.dataDir, "run"));
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query(sql, params)).rowCount;
  } finally {
    await db.end();
  }
}
