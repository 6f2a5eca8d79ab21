import { spawnSync } from "node:child_process";
import { z } from "zod";
import type { APIRequestContext, Page } from "@playwright/test";
import { orgNumbers } from "../test/org-numbers";
import { targetByPort, targetEnv } from "../e2e/servers";
import { expect, pageAs, test } from "./fixtures";

// Finding 10 (issue 13): an id from another environment is a 404 everywhere. A second environment B is
// seeded in the running portal (security/seed-isolation.ts); an admin working in Local (A) and an API key
// of Local then ask for B's ids over HTTP. Each check has its control: in B, the same request succeeds.

const World = z.object({
  slugA: z.string(),
  slugB: z.string(),
  system: z.uuid(),
  altinnSystemB: z.string(),
  altinnSystemA: z.string(),
  customer: z.uuid(),
  request: z.uuid(),
  endpoint: z.uuid(),
  delivery: z.uuid(),
  bulkJob: z.uuid(),
  endpointA: z.uuid(),
  keyA: z.string(),
  keyB: z.string(),
});
type World = z.infer<typeof World>;

function seed(baseURL: string): World {
  // From the isolation block of test/org-numbers.ts, past what the vitest suite takes.
  const orgNo = orgNumbers(1, 63_900_000)[0] ?? "";
  const res = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "security/seed-isolation.ts", orgNo],
    { env: { ...process.env, ...targetEnv(targetByPort(baseURL)) }, encoding: "utf8", timeout: 120_000 },
  );
  if (res.status !== 0) throw new Error(`seed-isolation failed: ${res.stdout}\n${res.stderr}`);
  return World.parse(JSON.parse(res.stdout.trim().split("\n").at(-1) ?? ""));
}

/** The portal's pages and API routes with ids of B: every one of them a page of its own. */
const pagePaths = (w: World) => [
  `/customers/${w.customer}`,
  `/customers/bulk/${w.bulkJob}`,
  `/requests/${w.request}`,
  `/systems/${w.system}`,
  `/systems/${w.system}/edit`,
  `/systems/${w.system}/history`,
  `/systems/${w.system}/sync`,
  `/systems/${w.system}/promote`,
  `/webhooks/${w.endpoint}`,
];
const routePaths = (w: World) => [
  `/api/requests/${w.request}`,
  `/api/bulk/${w.bulkJob}`,
  `/api/bulk/${w.bulkJob}/result`,
];

let world: World;
let admin: Page;

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  world = seed(baseURL ?? "");
  admin = await pageAs(browser, baseURL ?? "", "admin");
});

/** The signed-in admin's requests, working in one environment (the switcher's cookie). */
async function workingIn(slug: string): Promise<APIRequestContext> {
  await admin.context().addCookies([{ name: "env", value: slug, url: admin.url() }]);
  return admin.context().request;
}

async function statuses(http: APIRequestContext, paths: string[]) {
  const out: Record<string, number> = {};
  for (const p of paths) out[p] = (await http.get(p, { maxRedirects: 0 })).status();
  return out;
}
const all = (paths: string[], status: number) => Object.fromEntries(paths.map((p) => [p, status]));

test("F10 isolation: another environment's ids are a 404 on the portal's pages (signed in, working in A)", async () => {
  test.setTimeout(120_000);
  const paths = pagePaths(world);
  expect(await statuses(await workingIn(world.slugB), paths), "control: B's pages in B").toEqual(all(paths, 200));
  expect(await statuses(await workingIn(world.slugA), paths)).toEqual(all(paths, 404));
});

test("F10 isolation: another environment's ids are a 404 on the portal's API routes", async () => {
  const paths = routePaths(world);
  expect(await statuses(await workingIn(world.slugB), paths), "control: in B").toEqual(all(paths, 200));
  const inA = await workingIn(world.slugA);
  expect(await statuses(inA, paths)).toEqual(all(paths, 404));
  expect(await (await inA.get(paths[0] ?? "")).json()).toMatchObject({ error: "not_found" });
});

test("F10 isolation: an API key of one environment gets 404 problems for another environment's ids", async ({
  request,
}) => {
  const w = world;
  const reads = [
    `/api/v1/systems/${w.system}`,
    `/api/v1/customers/${w.customer}`,
    `/api/v1/requests/${w.request}`,
    `/api/v1/webhook-endpoints/${w.endpoint}`,
    `/api/v1/webhook-endpoints/${w.endpoint}/deliveries`,
  ];
  const as = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
  for (const path of reads) expect((await request.get(path, as(w.keyB))).status(), `control: ${path}`).toBe(200);
  const writes = [
    request.post(`/api/v1/requests/${w.request}/refresh`, as(w.keyA)),
    request.delete(`/api/v1/requests/${w.request}`, as(w.keyA)),
    request.post(`/api/v1/webhook-endpoints/${w.endpoint}/rotate-secret`, as(w.keyA)),
    request.post(`/api/v1/webhook-deliveries/${w.delivery}/replay`, as(w.keyA)),
    request.post("/api/v1/requests", { ...as(w.keyA), data: { systemId: w.system, orgNo: "310904473" } }),
  ];
  for (const res of [
    ...(await Promise.all(reads.map((p) => request.get(p, as(w.keyA))))),
    ...(await Promise.all(writes)),
  ]) {
    expect(res.status(), res.url()).toBe(404);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 404, code: "not_found" });
  }
  // Nothing happened in B: its request is still there for B's own key.
  expect((await request.get(`/api/v1/requests/${w.request}`, as(w.keyB))).status()).toBe(200);
});

test("F10 isolation: a server action given another environment's id (a tampered form) is not found", async () => {
  await workingIn(world.slugA);
  await admin.goto(`/webhooks/${world.endpointA}`);
  const reveal = admin.getByRole("button", { name: "Vis hemmelighet" });
  // What a crafted POST would do: the form's hidden endpoint id replaced by B's.
  await reveal.locator("xpath=ancestor::form//input[@name='id']").evaluate((el, id) => {
    (el as HTMLInputElement).value = id;
  }, world.endpoint);
  await reveal.click();
  await expect(admin.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Fant ikke webhook-mottakeren.");
  await expect(admin.getByText(/whsec_/)).toHaveCount(0);
});

test("F10 isolation: a public onboarding page of one environment shows nothing of another's system", async ({
  request,
}) => {
  const b = await request.get(`/onboard/${world.slugB}/${world.altinnSystemB}`);
  expect(b.status(), "control: B's page in B").toBe(200);
  expect(await b.text()).toContain('name="orgNo"');
  // Through A's slug: the same 404 as an unknown or closed system, holding nothing of B's system (not even
  // in the page's data for the browser).
  const a = await request.get(`/onboard/${world.slugA}/${world.altinnSystemB}`);
  expect(a.status()).toBe(404);
  const html = await a.text();
  expect(html).not.toContain('name="orgNo"');
  expect(html).not.toContain("Isolasjon");
});

test("F10 isolation: a system's pages by Altinn's system id answer in its own environment, 404 in another", async () => {
  const own = [`/systems/${world.altinnSystemA}/history`, `/systems/${world.altinnSystemA}/sync`];
  expect(await statuses(await workingIn(world.slugA), own)).toEqual(all(own, 200));
  const other = [`/systems/${world.altinnSystemB}`, `/systems/${world.altinnSystemB}/history`];
  expect(await statuses(await workingIn(world.slugA), other)).toEqual(all(other, 404));
});
