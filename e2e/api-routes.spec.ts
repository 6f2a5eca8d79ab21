// The portal's JSON and CSV route handlers (app/api/**) at the HTTP level: status, headers and body,
// signed out and signed in (the signed-in page's request context carries the session cookie).
import type { APIRequestContext } from "@playwright/test";
import { expect, test, UUID } from "./api";
import { decideAtEmulator, seedOrganisations } from "./emulator";
import { pageAs } from "./fixtures";
import { orgsFor } from "./orgs";
import { pollUntil } from "./poll";
import { ensureSigningKey, seedRequest, seedSystem } from "./steps";

const [CUSTOMER = "", BULK_CUSTOMER = ""] = orgsFor("api-routes", 2);
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
const FORBIDDEN = {
  error: "forbidden",
  message: { nb: "Du har ikke tilgang til å gjøre dette.", en: "You are not allowed to do this." },
};
const notFound = (nb: string, en: string) => ({
  error: "not_found",
  message: { nb: `Fant ikke ${nb}.`, en: `${en} not found.` },
});

async function expectJson(api: APIRequestContext, path: string, status: number, body: unknown) {
  const res = await api.get(path);
  expect(res.status(), path).toBe(status);
  expect(res.headers()["content-type"], path).toBe("application/json");
  expect(await res.json(), path).toEqual(body);
  return res;
}

test("GET /api/health answers anyone with 200 {ok: true}", async ({ anon }) => {
  await expectJson(anon, "/api/health", 200, { ok: true });
});

test("signed out, every session-bound route answers 403 with the forbidden code as JSON", async ({ anon }) => {
  for (const path of [
    "/api/live",
    `/api/requests/${NO_SUCH_ID}`,
    "/api/requests/not-a-uuid",
    `/api/bulk/${NO_SUCH_ID}`,
    `/api/bulk/${NO_SUCH_ID}/result`,
    "/api/customers/export",
  ]) {
    await expectJson(anon, path, 403, FORBIDDEN);
  }
  // The JWKS download answers the code alone.
  await expectJson(anon, "/api/environment/jwks", 403, { error: "forbidden" });
});

test("signed in: live version, request status and the customer export follow one request to approval", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Rutetest AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  const operator = await pageAs(browser, base, "operator");
  const api = operator.request;

  const live = async () => {
    const res = await api.get("/api/live");
    expect(res.status()).toBe(200);
    expect(res.headers()["cache-control"]).toBe("no-store");
    const { version } = (await res.json()) as { version: string };
    // One counter per environment, moved by triggers (migration 0024): a plain number.
    expect(version).toMatch(/^\d+$/);
    return version;
  };
  const before = await live();

  const { confirmUrl, requestUrl } = await seedRequest(operator, systemId, CUSTOMER);
  const id = new URL(requestUrl).pathname.split("/").pop() ?? "";
  expect(id).toMatch(UUID);
  await expectJson(api, `/api/requests/${id}`, 200, { status: "New", systemUserId: null });
  const created = await live();
  expect(created).not.toBe(before);

  // Waiting: the export gives the customer's open confirm link.
  const today = new Date().toISOString().slice(0, 10);
  const waiting = await api.get("/api/customers/export");
  expect(waiting.status()).toBe(200);
  expect(waiting.headers()).toMatchObject({
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="customers-local-${today}.csv"`,
    "cache-control": "no-store",
  });
  const lines = (await waiting.text()).split("\r\n");
  expect(lines[0]).toBe(
    '\uFEFF"orgNo","name","externalRef","tags","status","systemUsers","latestRequestStatus","confirmUrl","notes","createdAt","contactEmail","contactLocale"',
  );
  const row = (text: string) => text.split("\r\n").filter((l) => l.startsWith(`"${CUSTOMER}"`));
  expect(row(await waiting.text())).toEqual([
    expect.stringMatching(
      new RegExp(`^"${CUSTOMER}","[^"]*","[^"]*","","waiting","","New","${escapeRe(confirmUrl)}",`),
    ),
  ]);

  // The customer approves in Altinn; the route reads Altinn again (at most every 5 s) until it knows.
  await decideAtEmulator(base, confirmUrl, "approve");
  await pollUntil(
    async () => (await api.get(`/api/requests/${id}`)).json(),
    "the request's status after approval",
  ).toEqual({ status: "Accepted", systemUserId: expect.stringMatching(UUID) });
  expect(await live()).not.toBe(created);
  const connected = await api.get("/api/customers/export");
  expect(row(await connected.text())).toEqual([
    expect.stringMatching(
      new RegExp(`^"${CUSTOMER}","[^"]*","[^"]*","","connected","${systemId}:[0-9a-f-]{36}","Accepted","",`),
    ),
  ]);

  // Unknown ids are not found; an auditor reads status but may not export customers.
  await expectJson(api, `/api/requests/${NO_SUCH_ID}`, 404, notFound("forespørselen", "Request"));
  await expectJson(api, "/api/requests/not-a-uuid", 404, notFound("forespørselen", "Request"));
  const auditor = (await pageAs(browser, base, "auditor")).request;
  await expectJson(auditor, `/api/requests/${id}`, 200, {
    status: "Accepted",
    systemUserId: expect.stringMatching(UUID),
  });
  await expectJson(auditor, "/api/customers/export", 403, FORBIDDEN);
});

test("signed in: a bulk job's progress as JSON and its result as CSV", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[BULK_CUSTOMER, "Bulkrute AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  const operator = await pageAs(browser, base, "operator");
  const api = operator.request;

  await operator.goto("/customers/bulk");
  await operator.getByLabel("System").selectOption({ label: `Regnskap Pluss (${systemId})` });
  await operator.getByLabel("CSV-fil").setInputFiles({
    name: "api-rute.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`orgnr;navn;ref\r\n${BULK_CUSTOMER};Bulkrute AS;R-1\r\n`),
  });
  await operator.getByRole("button", { name: "Forhåndsvis" }).click();
  await expect(operator.getByRole("heading", { name: "Masseopprettelse: api-rute.csv" })).toBeVisible();
  const id = new URL(operator.url()).pathname.split("/").pop() ?? "";
  expect(id).toMatch(UUID);
  const counts = { pending: 0, working: 0, done: 0, failed: 0, cancelled: 0, invalid: 0, total: 1 };
  await expectJson(api, `/api/bulk/${id}`, 200, {
    status: "draft",
    counts: { ...counts, pending: 1 },
    percent: 0,
    finished: false,
  });

  await operator.getByRole("button", { name: "Start opprettelse av 1 forespørsler" }).click();
  await pollUntil(async () => (await api.get(`/api/bulk/${id}`)).json(), "the bulk job's progress").toEqual({
    status: "done",
    counts: { ...counts, done: 1 },
    percent: 100,
    finished: true,
  });
  const progress = await api.get(`/api/bulk/${id}`);
  expect(progress.headers()["cache-control"]).toBe("no-store");

  const result = await api.get(`/api/bulk/${id}/result`);
  expect(result.status()).toBe(200);
  expect(result.headers()).toMatchObject({
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": 'attachment; filename="api-rute-result.csv"',
    "cache-control": "no-store",
  });
  // A BOM first (Excel reads UTF-8 then), CRLF line ends.
  const csv = await result.text();
  expect(csv.startsWith('\uFEFF"line",')).toBe(true);
  expect(csv.slice(1).split("\r\n")).toEqual([
    '"line","orgNo","name","ref","result","requestStatus","confirmUrl","onboardingLink","message"',
    expect.stringMatching(
      new RegExp(
        `^"2","${BULK_CUSTOMER}","Bulkrute AS","R-1","created","New","http://127\\.0\\.0\\.1:\\d+/accessmanagement/ui/systemuser/request\\?id=[0-9a-f-]{36}&DONTCHOOSEREPORTEE=true","",""$`,
      ),
    ),
    "",
  ]);

  await expectJson(api, `/api/bulk/${NO_SUCH_ID}`, 404, notFound("masseopprettelsen", "Bulk job"));
  await expectJson(api, `/api/bulk/${NO_SUCH_ID}/result`, 404, notFound("masseopprettelsen", "Bulk job"));
});

test("signed in: the environment's public keys as a JWKS download, the same keys the environment page lists", async ({
  browser,
  baseURL,
}) => {
  const admin = await pageAs(browser, baseURL ?? "", "admin");
  await ensureSigningKey(admin);
  await admin.goto("/environment");
  const listed = await admin
    .locator("li[data-kid]:not([data-state=retired])")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-kid") ?? "").sort());
  expect(listed.length).toBeGreaterThan(0);

  const res = await admin.request.get("/api/environment/jwks");
  expect(res.status()).toBe(200);
  expect(res.headers()).toMatchObject({
    "content-type": "application/json",
    "content-disposition": 'attachment; filename="local-jwks.json"',
  });
  const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
  expect(keys.map((k) => k.kid).sort()).toEqual(listed);
  for (const key of keys) {
    expect(Object.keys(key).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
  }
  // Every signed-in role may fetch it: public keys only.
  const auditor = await pageAs(browser, baseURL ?? "", "auditor");
  expect((await auditor.request.get("/api/environment/jwks")).status()).toBe(200);
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
