// WCAG 2.1 AA check (axe) of the ID-porten login page and the self-service page with keys, PEM/kid
// and expiry fields and remove buttons. Skipped without a Chromium binary, like a11y.test.ts.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { newKey, registerClient, start } from "./helpers";

const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p) => p && existsSync(p),
);
let emu: RunningEmulator;
let browser: Browser | undefined;

beforeAll(async () => {
  emu = await start();
  if (executablePath) browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
  await emu.close();
});

async function violations(url: string): Promise<string[]> {
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await context.close();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe.skipIf(!executablePath)("accessibility of the ID-porten and self-service key pages", () => {
  it("ID-porten person picker (with the TestID and e-mail fields) has no violations", async () => {
    const clientId = randomUUID();
    const redirect = "http://localhost:3000/cb";
    await fetch(`${emu.url}/emulator/idporten/clients`, {
      method: "POST",
      body: JSON.stringify({ client_id: clientId, redirect_uris: [redirect], scopes: ["email"] }),
    });
    const query = new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: redirect,
      scope: "openid email",
      state: "s",
      code_challenge: createHash("sha256").update(randomBytes(32).toString("base64url")).digest("base64url"),
      code_challenge_method: "S256",
    });
    expect(await violations(`${emu.url}/idporten/authorize?${query.toString()}`)).toEqual([]);
  });

  it("self-service client page with keys and remove buttons has no violations", async () => {
    const client = await registerClient(emu.url, await newKey("a11y-kid"));
    expect(await violations(`${emu.url}/selfservice/clients/${client.clientId}?removed=gone-kid`)).toEqual([]);
  });
});
