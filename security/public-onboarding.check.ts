import type { APIRequestContext, APIResponse, Browser, Page } from "@playwright/test";
import { freshAddress } from "../e2e/api";
import { decideAtEmulator, emulatorStats, emulatorUrl, seedOrganisations } from "../e2e/emulator";
import { decideInAltinn, openOnboardingPage, seedRequest, seedSystem } from "../e2e/steps";
import { orgNumbers } from "../test/org-numbers";
import { expect, expectAccessible, pageAs, test } from "./fixtures";

// Issue 13, findings 7, 8 and 12 (ADR 018), against the built portal: the public onboarding pages give
// one answer for connected and new customers, the open page is opt-in, public starts are capped per system
// and hour (security/playwright.config.ts sets the cap to 3), change-request links go through the
// confirm-URL allowlist, and signed links carry nothing readable.

const [CONNECTED = "", NEW = "", LINKED = "", CHANGES = "", ...CAPPED] = orgNumbers(10, 43_000_000);
const CAP = 3;
const NO_REDIRECTS = { maxRedirects: 0 } as const;

let anon: APIRequestContext;
test.beforeAll(async ({ playwright, baseURL }) => {
  anon = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": freshAddress() } });
  await seedOrganisations(baseURL ?? "", [
    [CONNECTED, "Tilkoblet AS"],
    [NEW, "Ny Kunde AS"],
    [LINKED, "Lenket AS"],
    [CHANGES, "Endring AS"],
    ...CAPPED.map((o, i) => [o, `Tak ${i} AS`] as [string, string]),
  ]);
});
test.afterAll(async () => {
  await anon.dispose();
});

const start = (systemId: string, orgNo: string) =>
  anon.post(`/onboard/local/${systemId}/start`, { form: { orgNo }, ...NO_REDIRECTS });
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const confirmShape = (base: string) =>
  new RegExp(
    `^${escapeRe(emulatorUrl(base))}/accessmanagement/ui/systemuser/request\\?id=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}&DONTCHOOSEREPORTEE=true$`,
  );
// Headers that differ by nature from one answer to the next (a clock, a per-response nonce) differ in value only.
const headerNames = (res: APIResponse) => Object.keys(res.headers()).sort();

async function customerPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": freshAddress() } });
  return context.newPage();
}

test("F7 open page off by default: a new system's page is a 404 like an unknown system's, and its form makes nothing", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  const before = await emulatorStats(base);

  const closed = await anon.get(`/onboard/local/${systemId}`);
  const unknown = await anon.get("/onboard/local/991825827_no-such-system");
  expect(closed.status()).toBe(404);
  expect(unknown.status()).toBe(404);
  // What the customer sees (Next renders a 404's body in the browser: vercel/next.js#62228): the same page.
  const customer = await customerPage(browser, base);
  const seen: string[] = [];
  for (const path of [`/onboard/local/${systemId}`, "/onboard/local/991825827_no-such-system"]) {
    await customer.goto(path);
    const h1 = customer.getByRole("heading", { level: 1 });
    await expect(h1).toHaveText("Dette systemet finnes ikke. Sjekk lenken du fikk fra leverandøren.");
    await expect(customer.getByLabel("Organisasjonsnummer (9 siffer)")).toHaveCount(0);
    seen.push(await customer.locator("main").innerHTML());
  }
  expect(seen[0]).toBe(seen[1]);
  await expectAccessible(customer);

  // Posting the form anyway is answered exactly as for a system that does not exist.
  const post = await start(systemId, NEW);
  const postUnknown = await start("991825827_no-such-system", NEW);
  expect(post.status()).toBe(303);
  expect(new URL(post.headers()["location"] ?? "").search).toBe(
    new URL(postUnknown.headers()["location"] ?? "").search,
  );
  expect((await emulatorStats(base)).requests).toBe(before.requests);

  // The admin opens it on the system's page: now it is there, with its form.
  await openOnboardingPage(admin);
  await expectAccessible(admin);
  const open = await anon.get(`/onboard/local/${systemId}`);
  expect(open.status()).toBe(200);
  expect(await open.text()).toContain('name="orgNo"');
});

test("F7 indistinguishable answer: a connected and a new customer get the same status, headers and URL shape", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base, { openPage: true });
  // CONNECTED approved a request the vendor made: Altinn holds its system user.
  const { confirmUrl } = await seedRequest(admin, systemId, CONNECTED);
  expect((await decideAtEmulator(base, confirmUrl, "approve")).status).toBe("Accepted");
  const before = await emulatorStats(base);

  const connected = await start(systemId, CONNECTED);
  const fresh = await start(systemId, NEW);
  expect(connected.status()).toBe(303);
  expect(fresh.status()).toBe(303);
  expect(headerNames(connected)).toEqual(headerNames(fresh));
  expect(connected.headers()["location"]).toMatch(confirmShape(base));
  expect(fresh.headers()["location"]).toMatch(confirmShape(base));
  expect(await connected.text()).toBe(await fresh.text());
  // Asked again, the connected customer goes to the same place (the cap of 3 allows one more start here);
  // only the new customer's request was made at Altinn.
  expect((await start(systemId, CONNECTED)).headers()["location"]).toBe(connected.headers()["location"]);
  expect((await emulatorStats(base)).requests).toBe(before.requests + 1);
});

test("F7 cap: past the hourly cap a system's public starts get a 429 page with Retry-After, and the dashboard names the system", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  const { systemId, onboardingLink, systemUrl } = await seedSystem(admin, base, { openPage: true });
  const before = await emulatorStats(base);
  for (const orgNo of CAPPED.slice(0, CAP)) expect((await start(systemId, orgNo)).status()).toBe(303);
  expect((await emulatorStats(base)).requests).toBe(before.requests + CAP);

  const refused = await start(systemId, CAPPED[CAP] ?? "");
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
  expect(refused.headers()["cache-control"]).toBe("no-store");
  const html = await refused.text();
  expect(html).toContain("<h1>Prøv igjen senere</h1>");
  expect(html).toContain('<h2 lang="en">Try again later</h2>');

  // A customer in the browser sees the same page, in both languages, and it passes axe.
  const customer = await customerPage(browser, base);
  await customer.goto(onboardingLink);
  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill(CAPPED[CAP + 1] ?? "");
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await expect(customer.getByRole("heading", { level: 1 })).toHaveText("Prøv igjen senere");
  await expect(customer.getByText(/Prøv igjen om \d+ minutter\. Ingenting er sendt til Altinn\./)).toBeVisible();
  await expectAccessible(customer);
  expect((await emulatorStats(base)).requests).toBe(before.requests + CAP);

  // The vendor's dashboard names the system, says when, and links to it.
  await admin.goto("/");
  const alert = admin.getByRole("region", { name: "Taket for offentlige forespørsler er nådd" });
  const item = alert.getByRole("listitem").filter({ hasText: systemId });
  await expect(item).toContainText(`nådde ${CAP} forespørsler fra offentlige sider på én time`);
  await expectAccessible(admin);
  await item.getByRole("link", { name: "Se systemet" }).click();
  await expect(admin).toHaveURL(systemUrl);
});

test("F8 a change request's confirm URL on a host off the allowlist is refused with the requests' error and never shown", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  const { systemId, systemUrl } = await seedSystem(admin, base);
  const { confirmUrl } = await seedRequest(admin, systemId, CHANGES);
  const customer = await customerPage(browser, base);
  await customer.goto(confirmUrl);
  await decideInAltinn(customer, "Godkjenn");
  // The system gains a package: its system user needs a change request.
  await admin.goto(systemUrl);
  await admin.getByRole("link", { name: "Endre", exact: true }).click();
  await admin.getByLabel("Søk i tilgangspakker").fill("merverdiavgift");
  await admin.getByLabel("Merverdiavgift", { exact: true }).check();
  await admin.getByRole("button", { name: "Lagre i Altinn" }).click();
  await expect(admin).toHaveURL(systemUrl);

  const hosts = admin.getByLabel("Tillatte verter for godkjenningslenker");
  const setAllowlist = async (value: string) => {
    await admin.goto("/environments/local");
    await hosts.fill(value);
    await admin.getByRole("button", { name: "Lagre endringer" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Lagret" })).toBeVisible();
  };
  await admin.goto("/environments/local");
  const allowed = await hosts.inputValue();
  expect(allowed).toBe(new URL(emulatorUrl(base)).host);
  await setAllowlist("am.ui.tt02.altinn.no");
  try {
    await admin.goto(systemUrl);
    const changes = admin.getByRole("region", { name: "Endringsforespørsler" });
    await admin.getByRole("button", { name: "Lag endringsforespørsler for 1 systembrukere" }).click();
    await expect(changes.getByRole("status").filter({ hasText: "feilet" })).toContainText(
      `${CHANGES}: Altinn sendte en godkjenningslenke til ${emulatorUrl(base)}, som ikke er tillatt for miljøet «Local emulator». Ingenting er lagret.`,
    );
    await expect(changes).toContainText("Ingen endringsforespørsler ennå.");
    await expect(changes.getByRole("link", { name: `Åpne lenken for ${CHANGES}` })).toHaveCount(0);
  } finally {
    await setAllowlist(allowed);
  }
  // Allowed again: the change request is made and its link shown, on the allowed host.
  await admin.goto(systemUrl);
  await admin.getByRole("button", { name: "Lag endringsforespørsler for 1 systembrukere" }).click();
  const link = admin.getByRole("link", { name: `Åpne lenken for ${CHANGES}` });
  await expect(link).toHaveAttribute("href", new RegExp(`^${escapeRe(emulatorUrl(base))}/`));
});

test("F12 a fresh signed link's token: no part of it decodes to the org number, system or environment", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  await seedRequest(admin, systemId, LINKED);
  await admin.getByRole("button", { name: "Lag påmeldingslenke" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Ny lenke laget" })).toBeVisible();
  const url = new URL(
    (await admin.getByRole("link", { name: "Påmeldingslenke for kunden" }).getAttribute("href")) ?? "",
  );
  const token = decodeURIComponent(url.pathname.split("/").pop() ?? "");
  expect(url.href).not.toContain(LINKED);
  const decoded = token.split(".").map((part) => Buffer.from(part, "base64url").toString("latin1"));
  expect(decoded.length).toBeGreaterThan(1);
  for (const part of decoded) {
    for (const secret of [LINKED, LINKED.slice(-6), systemId, '"local"', '"org"']) expect(part).not.toContain(secret);
  }
  // The link still works: its page names the system and the masked organisation.
  const page = await customerPage(browser, base);
  await page.goto(url.pathname);
  await expect(page.getByRole("heading", { name: `Koble Regnskap Pluss til ••••••${LINKED.slice(-3)}` })).toBeVisible();
});
