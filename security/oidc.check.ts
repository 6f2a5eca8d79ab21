import { spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { createInterface } from "node:readline";
import type { Page } from "@playwright/test";
import { SECURITY_TARGET, targetEnv } from "../e2e/servers";
import { alertOf, expect, test } from "./fixtures";

// F2: single sign-on through the emulator's ID-porten (security/playwright.config.ts sets OIDC_*, with no
// OIDC_DEFAULT_ROLE). An identity is bound by issuer + subject; it is linked to an existing local user by
// e-mail only when the provider says the address is verified AND an admin allowed linking for that user.

const scriptEnv = () => ({ ...process.env, ...targetEnv(SECURITY_TARGET) });
const node = (script: string, args: string[]) => ["--conditions=react-server", "--import", "tsx", script, ...args];

/** security/oidc-users.ts, started once for the file: "ready" once its users exist, then one answer per command. */
function startUsers(args: string[]) {
  const child = spawn(process.execPath, node("security/oidc-users.ts", args), { env: scriptEnv() });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  let log = "";
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  lines.on("line", (line) => {
    if (line === "ready" || line === "ok" || line.startsWith("error")) waiting.shift()?.(line);
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push(resolve);
      child.once("exit", (code) => reject(new Error(`oidc-users.ts exited (${code}): ${log}`)));
    });
  const ready = next();
  ready.catch(() => undefined);
  const command = async (line: string) => {
    await ready;
    const answer = next();
    child.stdin.write(`${line}\n`);
    expect(await answer).toBe("ok");
  };
  return {
    ready,
    /** What `npm run user:allow-sso-link -- --email <e>` does (lib/users/allow-link.ts). */
    allow: (email: string) => command(`allow ${email}`),
    rename: (from: string, to: string) => command(`rename ${from} ${to}`),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin.end();
      await exited;
    },
  };
}

const address = (what: string) => `sso-${what}-${randomBytes(4).toString("hex")}@vendor.example`;
/** A synthetic national identity number of its own per check, so reruns never meet a bound identity. */
const newPid = () => String(randomInt(10_000_000_000, 99_999_999_999));

const notAllowed = address("not-allowed");
const allowed = address("allowed");
const linkable = address("linkable");
let users: ReturnType<typeof startUsers>;

// Started here and awaited where needed, so it makes the users while the first check uses the browser.
test.beforeAll(() => {
  users = startUsers(["--create", notAllowed, "--create", allowed, "--create", linkable]);
  users.ready.catch(() => undefined);
});
test.afterAll(async () => users.stop());

type Login = { pid: string; email?: string; verified?: boolean };

async function signInWithIdporten(page: Page, login: Login) {
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Logg inn med ID-porten (emulator)" }).click();
  await expect(page.getByRole("heading", { name: "Logg inn med ID-porten (testpersoner)" })).toBeVisible();
  await page.getByLabel(/TestID/).fill(login.pid);
  if (login.email) await page.getByLabel("E-postadresse / E-mail address").fill(login.email);
  if (login.verified) await page.getByLabel(/The address is verified/).check();
  await page.getByRole("button", { name: "Logg inn / Log in" }).click();
}

async function expectRefused(page: Page, login: Login) {
  await signInWithIdporten(page, login);
  await expect(page).toHaveURL(/\/signin\?error=AccessDenied$/);
  await expect(alertOf(page)).toContainText("Innloggingen ble avvist");
}

async function expectSignedInAs(page: Page, login: Login, name: string) {
  await signInWithIdporten(page, login);
  await expect(page.getByRole("heading", { name: "Oversikt" })).toBeVisible();
  await expect(page.getByText(`${name} ·`)).toBeVisible();
}

test("F2 OIDC: an unknown identity is refused when no default role is set", async ({ page }) => {
  await expectRefused(page, { pid: newPid() });
  await expectRefused(page, { pid: newPid(), email: address("nobody"), verified: true });
});

test("F2 OIDC: a local user is not linked by e-mail unless verified and allowed", async ({ page }) => {
  await users.allow(allowed);
  // The provider vouches for the address, but no admin allowed linking: e-mail alone proves nothing.
  await expectRefused(page, { pid: newPid(), email: notAllowed, verified: true });
  // Allowed, but the address is only claimed (email_verified false): anyone could type it at some providers.
  await expectRefused(page, { pid: newPid(), email: allowed.toUpperCase() });
});

test("F2 OIDC: with linking allowed and a verified e-mail the identity is bound, then found by issuer+subject", async ({
  page,
}) => {
  await users.allow(linkable);
  const pid = newPid();
  const name = `SSO ${linkable}`;
  await expectSignedInAs(page, { pid, email: linkable, verified: true }, name);
  // The bond is the identity, not the address: the local e-mail changes and the provider sends another one.
  const changed = address("renamed");
  await users.rename(linkable, changed);
  await expectSignedInAs(page, { pid, email: address("elsewhere") }, name);
  // Linking was one-shot: another identity with the user's (new) verified address is refused.
  await expectRefused(page, { pid: newPid(), email: changed, verified: true });
});
