import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { targetByPort, targetEnv } from "./servers";

export type RoleName = "admin" | "operator" | "auditor";
export const NEW_PASSWORD = "correct-horse-battery-staple";

/** Creates a user through the real CLI (`npm run user:create`) against the target's database. */
export function createUser(baseURL: string, role: RoleName): { email: string; password: string } {
  const email = `${role}-${randomBytes(4).toString("hex")}@vendor.example`;
  const res = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/user-create.ts", "--email", email, "--role", role],
    {
      env: { ...process.env, ...targetEnv(targetByPort(baseURL)) },
      encoding: "utf8",
    },
  );
  const password = res.stdout.match(/One-time password: (\S+)/)?.[1];
  if (res.status !== 0 || !password) throw new Error(`user:create failed: ${res.stdout}\n${res.stderr}`);
  return { email, password };
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel(/^(E-post|Email)$/).fill(email);
  await page.getByLabel(/^(Passord|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Logg inn|Sign in)$/ }).click();
}

/** One-time password → forced change → the portal. */
export async function signInFresh(page: Page, email: string, oneTime: string) {
  await signIn(page, email, oneTime);
  await expect(page.getByRole("heading", { name: "Velg nytt passord" })).toBeVisible();
  await page.getByLabel("Nåværende passord").fill(oneTime);
  await page.getByLabel("Nytt passord (minst 12 tegn)").fill(NEW_PASSWORD);
  await page.getByLabel("Gjenta nytt passord").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Lagre passord" }).click();
  await expect(page.getByRole("heading", { name: "Oversikt" })).toBeVisible();
}

type SessionState = Awaited<ReturnType<BrowserContext["storageState"]>>;
// One user per role and portal, made and signed in once per Playwright worker: a user made through the
// real CLI (a tsx process that loads Prisma and hashes with argon2) and its first sign-in took 14–20 s of
// every test that needed one. Each page still gets a browser context of its own, with that user's session.
// Nothing in a spec changes these users (their role, password or sessions); a spec that needs a user of
// its own makes one with createUser.
const sessions = new Map<string, Promise<SessionState>>();

async function signedIn(browser: Browser, baseURL: string, role: RoleName): Promise<SessionState> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const user = createUser(baseURL, role);
  await signInFresh(page, user.email, user.password);
  const state = await context.storageState();
  await context.close();
  return state;
}

/** A page of its own, signed in as the worker's user with that role, on the overview. */
export async function pageAs(browser: Browser, baseURL: string, role: RoleName): Promise<Page> {
  const key = `${baseURL} ${role}`;
  let state = sessions.get(key);
  if (!state) {
    state = signedIn(browser, baseURL, role);
    sessions.set(key, state);
    state.catch(() => sessions.delete(key));
  }
  const context = await browser.newContext({ baseURL, storageState: await state });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Oversikt" })).toBeVisible();
  return page;
}

export async function expectAccessible(page: Page) {
  // Next streams a dynamic page's metadata after its body; check the page once its <title> is in.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Our alerts; Next's empty route announcer also has role=alert. */
export const alertOf = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

/** Chromium's console reports of a Content-Security-Policy refusal on any page the test opened. */
export async function cspViolations(browser: Browser): Promise<string[]> {
  const pages = browser.contexts().flatMap((c) => c.pages());
  const messages = (await Promise.all(pages.map((p) => p.consoleMessages()))).flat();
  return messages.map((m) => m.text()).filter((text) => /Content Security Policy/i.test(text));
}

// Every spec fails on a CSP refusal (proxy.ts): a blocked script or style is a broken page, even when
// the assertions happen not to notice.
export const test = base.extend<{ noCspViolations: void }>({
  noCspViolations: [
    async ({ browser }, use) => {
      await use();
      expect(await cspViolations(browser)).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
