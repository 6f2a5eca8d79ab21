// The API reference (/api-docs) and the API itself, signed out: the page is public and accessible in both
// languages; /api/v1 answers with its own problems, never the sign-in page.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./fixtures";

test("the API reference is public, accessible in bokmål and English, with an anchor for every problem code", async ({
  page,
}, testInfo) => {
  // The page is rendered from the OpenAPI document alone; a second database would check nothing more (and
  // axe takes ~9 s a language on it).
  test.skip(testInfo.project.name !== "pglite", "the reference reads no database");
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1, name: "API-referanse" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "På denne siden" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "POST /requests", exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();
  await expectAccessible(page);

  // A problem's `type` URI lands on its row.
  await page.goto("/api-docs#problem-idempotency_key_reused");
  await expect(page.locator("#problem-idempotency_key_reused")).toContainText("422");
  await expect(page.locator("#problem-not_found")).toBeVisible();
});

test("/api/v1 authenticates by key, not by session: 401 problem without one, the document for anyone", async ({
  request,
}) => {
  const refused = await request.get("/api/v1/requests", { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({ code: "unauthenticated", status: 401 });
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(await doc.json()).toMatchObject({ openapi: "3.1.0" });
});
