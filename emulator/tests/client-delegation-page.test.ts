import { existsSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { partyUuid } from "../data/entities";
import type { RunningEmulator } from "../server";
import type { StoredSystemUser } from "../state/schema";
import { addSystemUser, call, CLIENT_ADMIN_PID, FACILITATOR_ORG, NO_ROLE_PID, PKG } from "./control-helpers";
import { start } from "./helpers";

const PAGE = "/accessmanagement/ui/systemuser/clients";
let emu: RunningEmulator;
let agent: StoredSystemUser;

beforeAll(async () => {
  emu = await start();
});
afterAll(() => emu.close());
beforeEach(async () => {
  await call(emu.url, "POST", "/emulator/reset");
  agent = addSystemUser(emu, {
    ownerOrgNo: FACILITATOR_ORG,
    userType: "agent",
    packages: [`${PKG}regnskapsforer-med-signeringsrettighet`],
  });
});

async function html(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${emu.url}${path}`);
  return { status: res.status, text: await res.text() };
}

async function submit(fields: Record<string, string>): Promise<Response> {
  return fetch(`${emu.url}${PAGE}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

describe("client-admin page", () => {
  it("asks the person to sign in with a labelled select", async () => {
    const page = await html(`${PAGE}?agent=${agent.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="nb">');
    expect(page.text).toContain('<label for="personId">Logg inn som / Sign in as</label>');
    expect(page.text).toContain(`<option value="${CLIENT_ADMIN_PID}">Ola Prøvesen (${CLIENT_ADMIN_PID})</option>`);
  });

  it("adds and removes a client with a status message, and reports rule violations", async () => {
    const signedIn = await html(`${PAGE}?agent=${agent.id}&personId=${CLIENT_ADMIN_PID}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).toContain("Granlia Regnskapskontor AS (org.nr. 314250052)");
    expect(signedIn.text).toContain(`name="client" value="${partyUuid("310609544")}"`);

    const added = await submit({
      agent: agent.id,
      personId: CLIENT_ADMIN_PID,
      client: partyUuid("310609544"),
      action: "add",
    });
    expect(added.status).toBe(303);
    const location = added.headers.get("location") ?? "";
    expect(location).toBe(`${emu.url}${PAGE}?agent=${agent.id}&personId=${CLIENT_ADMIN_PID}&message=added`);
    const after = await html(location.slice(emu.url.length));
    expect(after.text).toContain('<p class="status" role="status">Kunden er lagt til.</p>');
    expect(emu.emulator.store.data.delegations.map((d) => d.clientOrgNo)).toEqual(["310609544"]);

    const lacking = await submit({
      agent: agent.id,
      personId: CLIENT_ADMIN_PID,
      client: partyUuid("311876546"),
      action: "add",
    });
    expect(lacking.headers.get("location")).toContain("message=AUTH-00080");
    const errorPage = await html((lacking.headers.get("location") ?? "").slice(emu.url.length));
    expect(errorPage.text).toContain(
      'role="alert">Kunden har ikke gitt tilgangspakkene systembrukeren krever (AUTH-00080).</p>',
    );

    const removed = await submit({
      agent: agent.id,
      personId: CLIENT_ADMIN_PID,
      client: partyUuid("310609544"),
      action: "remove",
    });
    expect(removed.headers.get("location")).toContain("message=removed");
    expect(emu.emulator.store.data.delegations).toEqual([]);
  });

  it("refuses persons without the client-administrator role and unknown agents", async () => {
    expect((await html(`${PAGE}?agent=${agent.id}&personId=${NO_ROLE_PID}`)).status).toBe(403);
    const post = await submit({
      agent: agent.id,
      personId: NO_ROLE_PID,
      client: partyUuid("310609544"),
      action: "add",
    });
    expect(post.status).toBe(403);
    expect(emu.emulator.store.data.delegations).toEqual([]);
    expect((await html(`${PAGE}?agent=00000000-0000-4000-8000-000000000000&personId=${CLIENT_ADMIN_PID}`)).status).toBe(
      404,
    );
  });
});

const executablePath = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p) => p && existsSync(p),
);

describe.skipIf(!executablePath)("client-admin page accessibility (axe, WCAG 2.1 AA)", () => {
  it("has no violations signed out, signed in, after a status and after an error", async () => {
    const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
    try {
      await submit({ agent: agent.id, personId: CLIENT_ADMIN_PID, client: partyUuid("310609544"), action: "add" });
      const base = `${emu.url}${PAGE}?agent=${agent.id}`;
      for (const url of [
        base,
        `${base}&personId=${CLIENT_ADMIN_PID}&message=added`,
        `${base}&personId=${CLIENT_ADMIN_PID}&message=AUTH-00080`,
      ]) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(url);
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        expect(
          result.violations.map((v) => v.id),
          url,
        ).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});
