// The public onboarding POSTs (no login; plain forms that work without JavaScript) at the HTTP level:
// where each answer sends the browser, what the page there says, and what reaches Altinn.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { alertsIn, expect, expectSeeOther, freshAddress, NO_REDIRECTS, pathOf, test } from "./api";
import { decideAtEmulator, emulatorStats, emulatorUrl, seedOrganisations } from "./emulator";
import { pageAs } from "./fixtures";
import { orgsFor, withWrongCheckDigit } from "./orgs";
import { seedRequest, seedSystem } from "./steps";

// UNKNOWN is valid but never added to the emulator's Entity Register.
const [CUSTOMER = "", LINKED = "", UNKNOWN = ""] = orgsFor("api-onboarding", 3);
const NO_SUCH_REF = "00000000-0000-4000-8000-000000000000";
const HTML = "text/html; charset=utf-8";

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const confirmPage = (base: string) =>
  new RegExp(
    `^${escapeRe(emulatorUrl(base))}/accessmanagement/ui/systemuser/request\\?id=[0-9a-f-]{36}&DONTCHOOSEREPORTEE=true$`,
  );

/** The page a 303 leads to, fetched from this server, with its alerts. */
async function follow(api: APIRequestContext, location: URL): Promise<{ html: string; alerts: string[] }> {
  const page = await api.get(pathOf(location));
  expect(page.status(), pathOf(location)).toBe(200);
  expect(page.headers()["content-type"]).toBe(HTML);
  const html = await page.text();
  return { html, alerts: alertsIn(html) };
}

const customerRows = async (api: APIRequestContext, orgNo: string) =>
  (await (await api.get("/api/customers/export")).text()).split("\r\n").filter((l) => l.startsWith(`"${orgNo}"`));

test("POST /onboard/[env]/[systemId]/start refuses a bad org number with a clear message, and creates nothing", async ({
  anon,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base, { openPage: true });
  const form = `/onboard/local/${systemId}`;
  const before = await emulatorStats(base);

  const refused: [orgNo: string, code: string, message: string][] = [
    ["123", "errors.orgNoFormat", "Organisasjonsnummeret må ha 9 siffer."],
    [
      withWrongCheckDigit(UNKNOWN),
      "errors.orgNoChecksum",
      "Organisasjonsnummeret er ikke gyldig (kontrollsifferet stemmer ikke).",
    ],
    // Valid, but Altinn's Entity Register does not know it: Altinn's code, in our words.
    [UNKNOWN, "AUTH-00000", "Altinn fant ikke organisasjonsnummeret i Enhetsregisteret."],
  ];
  for (const [orgNo, code, message] of refused) {
    const res = await anon.post(`${form}/start`, { form: { orgNo }, ...NO_REDIRECTS });
    const back = expectSeeOther(res, `${form}?error=${code}&orgNo=${orgNo}`);
    const { html, alerts } = await follow(anon, back);
    expect(alerts).toEqual([message]);
    // The form comes back filled in, so the customer can correct the number.
    expect(html).toContain(`value="${orgNo}"`);
  }
  expect((await emulatorStats(base)).requests).toBe(before.requests);
  for (const [orgNo] of refused) expect(await customerRows(admin.request, orgNo)).toEqual([]);

  // No form body at all (a truncated or hand-made POST): the same clear answer, never a server error,
  // and back on the portal's own address.
  const empty = await anon.post(`${form}/start`, NO_REDIRECTS);
  const emptyBack = expectSeeOther(empty, `${form}?error=errors.orgNoFormat&orgNo=`);
  expect(emptyBack.origin).toBe(new URL(base).origin);
  expect((await follow(anon, emptyBack)).alerts).toEqual(["Organisasjonsnummeret må ha 9 siffer."]);

  // An unknown system: back to its page, which says so (and offers no form).
  const unknown = await anon.post("/onboard/local/991825827_no-such-system/start", {
    form: { orgNo: UNKNOWN },
    ...NO_REDIRECTS,
  });
  const back = expectSeeOther(unknown, `/onboard/local/991825827_no-such-system?error=unknown_system&orgNo=${UNKNOWN}`);
  // A 404 (Next renders its body in the browser, vercel/next.js#62228: the text is in the page's payload).
  const notFound = await anon.get(pathOf(back));
  expect(notFound.status()).toBe(404);
  const html = await notFound.text();
  expect(html).toContain("Dette systemet finnes ikke. Sjekk lenken du fikk fra leverandøren.");
  expect(html).not.toContain('name="orgNo"');
  expect((await emulatorStats(base)).requests).toBe(before.requests);
});

test("POST start with a valid org number: 303 to Altinn's confirm page, once per waiting request; restart after a rejection", async ({
  anon,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Offentlig Start AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base, { openPage: true });
  const start = `/onboard/local/${systemId}/start`;
  const before = await emulatorStats(base);

  // "123 456 785" as people type it is accepted too.
  const spaced = CUSTOMER.replace(/^(\d{3})(\d{3})(\d{3})$/, "$1 $2 $3");
  const res = await anon.post(start, { form: { orgNo: spaced }, ...NO_REDIRECTS });
  expect(res.status()).toBe(303);
  const confirmUrl = res.headers()["location"] ?? "";
  expect(confirmUrl).toMatch(confirmPage(base));
  expect((await emulatorStats(base)).requests).toBe(before.requests + 1);
  // The request is waiting: starting again sends the customer to the same one.
  const again = await anon.post(start, { form: { orgNo: CUSTOMER }, ...NO_REDIRECTS });
  expect(again.status()).toBe(303);
  expect(again.headers()["location"]).toBe(confirmUrl);
  expect((await emulatorStats(base)).requests).toBe(before.requests + 1);

  // Rejected in Altinn, which sends the customer back to the callback; "start again" there makes a fresh request.
  const rejected = await decideAtEmulator(base, confirmUrl, "reject");
  const callback = new URL(rejected.redirectUrl ?? "");
  const ref = callback.searchParams.get("ref") ?? "";
  expect((await follow(anon, callback)).html).toMatch(/<h1[^>]*>Forespørselen ble avvist<\/h1>/);
  const restart = await anon.post("/onboard/callback/restart", { form: { ref }, ...NO_REDIRECTS });
  expect(restart.status()).toBe(303);
  const fresh = restart.headers()["location"] ?? "";
  expect(fresh).toMatch(confirmPage(base));
  expect(fresh).not.toBe(confirmUrl);
  expect((await emulatorStats(base)).requests).toBe(before.requests + 2);

  // A ref that names nothing learns nothing: back to the callback page, which says so.
  const unknownText =
    "Vi fant ikke denne forespørselen. Lenken kan være feil eller utløpt. Start på nytt fra leverandørens påmeldingsside.";
  for (const [sent, path] of [
    ["not-a-uuid", "/onboard/callback"],
    [NO_SUCH_REF, `/onboard/callback?ref=${NO_SUCH_REF}`],
  ] as const) {
    const res = await anon.post("/onboard/callback/restart", { form: { ref: sent }, ...NO_REDIRECTS });
    expect((await follow(anon, expectSeeOther(res, path))).alerts).toEqual([unknownText]);
  }
  expect((await emulatorStats(base)).requests).toBe(before.requests + 2);
});

test("POST /onboard/l/[token]/start: a signed link goes to Altinn, a dead one back to its page", async ({
  anon,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[LINKED, "Lenke Start AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  const { confirmUrl } = await seedRequest(admin, systemId, LINKED);
  await admin.getByRole("button", { name: "Lag påmeldingslenke" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Ny lenke laget" })).toBeVisible();
  const link = new URL(
    (await admin.getByRole("link", { name: "Påmeldingslenke for kunden" }).getAttribute("href")) ?? "",
  );
  const before = await emulatorStats(base);

  // The link names the customer: no form field, straight to the request already waiting in Altinn.
  const res = await anon.post(`${link.pathname}/start`, NO_REDIRECTS);
  expect(res.status()).toBe(303);
  expect(res.headers()["location"]).toBe(confirmUrl);
  expect((await emulatorStats(base)).requests).toBe(before.requests);

  const dead = await anon.post("/onboard/l/not-a-real-token/start", NO_REDIRECTS);
  const { alerts } = await follow(anon, expectSeeOther(dead, "/onboard/l/not-a-real-token"));
  expect(alerts).toEqual(["Lenken er utløpt, erstattet av en nyere eller feil. Be leverandøren om en ny lenke."]);
});

/** Sends until the limit answers 429 (each send uses a token; none creates anything). */
async function exhaust(send: () => Promise<APIResponse>): Promise<{ allowed: number; limited: APIResponse }> {
  for (let allowed = 0; allowed < 100; allowed++) {
    const res = await send();
    if (res.status() === 429) return { allowed, limited: res };
    expect(res.status()).toBe(303);
  }
  throw new Error("no 429 after 100 requests");
}

test("the public POSTs are rate limited per client: 429 with Retry-After and a page in both languages", async ({
  anon,
  playwright,
  baseURL,
}) => {
  const routes: [name: string, send: (api: APIRequestContext) => Promise<APIResponse>][] = [
    ["start", (api) => api.post("/onboard/local/991825827_x/start", { form: { orgNo: "123" }, ...NO_REDIRECTS })],
    // The link page's form has no fields: a browser posts it as an empty urlencoded form.
    ["link", (api) => api.post("/onboard/l/not-a-real-token/start", { form: {}, ...NO_REDIRECTS })],
    ["restart", (api) => api.post("/onboard/callback/restart", { form: { ref: "x" }, ...NO_REDIRECTS })],
  ];
  const other = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { "x-forwarded-for": freshAddress() },
  });
  for (const [name, send] of routes) {
    const { allowed, limited } = await exhaust(() => send(anon));
    // 20 a minute (PUBLIC_RATE_LIMIT_PER_MINUTE's default) in a fixed window shared by every process.
    expect(allowed, name).toBeGreaterThanOrEqual(20);
    const retryAfter = limited.headers()["retry-after"] ?? "";
    expect(retryAfter, name).toMatch(/^\d+$/);
    expect(Number(retryAfter), name).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter), name).toBeLessThanOrEqual(60);
    expect(limited.headers()["content-type"], name).toBe(HTML);
    expect(limited.headers()["cache-control"], name).toBe("no-store");
    const html = await limited.text();
    expect(html).toContain("<h1>For mange forsøk</h1>");
    expect(html).toContain(
      `<p>Du har prøvd for mange ganger på kort tid. Vent ${retryAfter} sekunder og prøv igjen.</p>`,
    );
    expect(html).toContain(
      `<p lang="en">You have tried too many times in a short while. Wait ${retryAfter} seconds and try again.</p>`,
    );
    // Another client is not held back.
    expect((await send(other)).status(), name).toBe(303);
  }
  await other.dispose();
});
