// WCAG 2.1 AA check of the emulator's HTML pages with axe. Needs a Chromium binary; skipped when none
// is found (set CHROMIUM_PATH to point at one).
import { existsSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../server";
import { accessToken, api, CUSTOMER_ORG, json, newKey, registerClient, start, systemBody, VENDOR_ORG } from "./helpers";

const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p) => p && existsSync(p),
);
let emu: RunningEmulator;
let browser: Browser | undefined;
let confirmUrl = "";
let clientId = "";

beforeAll(async () => {
  emu = await start();
  const client = await registerClient(emu.url, await newKey());
  clientId = client.clientId;
  const token = await accessToken(emu.url, client);
  await api(emu.url, token, "POST", "/systemregister/vendor", systemBody(`${VENDOR_ORG}_a11y`));
  const created = await json(
    await api(emu.url, token, "POST", "/systemuser/request/vendor", {
      systemId: `${VENDOR_ORG}_a11y`,
      partyOrgNo: CUSTOMER_ORG,
      accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
      rights: [{ resource: [{ id: "urn:altinn:resource", value: "ske-krav-og-betalinger" }] }],
    }),
  );
  confirmUrl = String(created.confirmUrl);
  if (executablePath) browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
  await emu.close();
});

async function violations(
  url: string,
  before?: (page: import("playwright-core").Page) => Promise<void>,
): Promise<string[]> {
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  if (before) await before(page);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await context.close();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe.skipIf(!executablePath)("accessibility (axe, WCAG 2.1 AA)", () => {
  it("confirm page has no violations", async () => {
    expect(await violations(confirmUrl)).toEqual([]);
  });

  it("self-service pages have no violations, including the error state", async () => {
    expect(await violations(`${emu.url}/selfservice`)).toEqual([]);
    expect(await violations(`${emu.url}/selfservice/clients/${clientId}`)).toEqual([]);
    const withError = await violations(`${emu.url}/selfservice/clients/${clientId}`, async (page) => {
      await page.fill("#jwk", "{not json");
      await page.click("button[type=submit]");
      await page.waitForSelector("[role=alert]");
    });
    expect(withError).toEqual([]);
  });

  it("not-found page has no violations", async () => {
    expect(await violations(`${emu.url}/accessmanagement/ui/systemuser/request?id=nope`)).toEqual([]);
  });

  it("agent, change-request and system-user pages have no violations, including the escalated state", async () => {
    const token = await accessToken(emu.url, await registerClient(emu.url, await newKey()));
    const body = {
      systemId: `${VENDOR_ORG}_a11y`,
      partyOrgNo: CUSTOMER_ORG,
      externalRef: "a11y-agent",
      accessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
    };
    const agent = await json(await api(emu.url, token, "POST", "/systemuser/request/vendor/agent", body));
    expect((await fetch(`${emu.url}/emulator/requests/${String(agent.id)}/escalate`, { method: "POST" })).status).toBe(
      200,
    );
    expect(await violations(String(agent.confirmUrl))).toEqual([]);
    const std = await json(
      await api(emu.url, token, "POST", "/systemuser/request/vendor", { ...body, externalRef: "a11y-std" }),
    );
    await fetch(`${emu.url}/emulator/requests/${String(std.id)}/approve`, { method: "POST" });
    const user = await json(
      await api(
        emu.url,
        token,
        "GET",
        `/systemuser/vendor/byquery?system-id=${VENDOR_ORG}_a11y&orgno=${CUSTOMER_ORG}&external-ref=a11y-std`,
      ),
    );
    const change = await json(
      await api(
        emu.url,
        token,
        "POST",
        `/systemuser/changerequest/vendor?correlation-id=${crypto.randomUUID()}&system-user-id=${String(user.id)}`,
        {
          unwantedAccessPackages: [{ urn: "urn:altinn:accesspackage:skattegrunnlag" }],
        },
      ),
    );
    expect(change.status).toBe("New");
    expect(await violations(String(change.confirmUrl))).toEqual([]);
    expect(await violations(`${emu.url}/accessmanagement/ui/systemusers?org=${CUSTOMER_ORG}`)).toEqual([]);
  });
});
