import type { Page } from "@playwright/test";
import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { decideInAltinn, generateAndRegisterKey, registerSystem } from "./steps";
import { targetByPort } from "./servers";

// Organisations in the emulator's entity register; each test registers its own system, so the
// (system, org) pairs never collide with other specs.
const LINKED = "311876546";
const REJECTS = "312345129";
const OUTAGE = "311001116";
const FAULT_PATH = "/authentication/api/v1/systemuser/request/vendor";

async function newCustomer(page: Page) {
  return (await page.context().browser()?.newContext())?.newPage() ?? Promise.reject(new Error("no browser"));
}

async function startOnPublicPage(customer: Page, onboardingLink: string, orgNo: string) {
  await customer.goto(onboardingLink);
  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill(orgNo);
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
}

test("signed link: regenerated links replace older ones, and the customer connects through Altinn", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  await generateAndRegisterKey(admin);
  const { systemId } = await registerSystem(admin, base);
  await admin.goto("/requests");
  await admin.getByLabel("System", { exact: true }).selectOption({ label: `Regnskap Pluss (${systemId})` });
  await admin.getByLabel("Kundens organisasjonsnummer").fill(LINKED);
  await admin.getByRole("button", { name: "Opprett forespørsel" }).click();
  await expect(admin.getByRole("heading", { name: `Forespørsel: ${LINKED}` })).toBeVisible();

  const createLink = async () => {
    await admin.getByRole("button", { name: "Lag påmeldingslenke" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Ny lenke laget" })).toBeVisible();
    return (await admin.getByRole("link", { name: "Påmeldingslenke for kunden" }).getAttribute("href")) ?? "";
  };
  const older = await createLink();
  expect(older).toContain("/onboard/l/");
  await admin.reload();
  const link = await createLink();
  expect(link).not.toBe(older);

  const customer = await newCustomer(admin);
  // The older link, and a made-up one, say the same thing: ask the vendor for a new link.
  for (const dead of [older, `${base}/onboard/l/not-a-real-token`]) {
    await customer.goto(dead);
    await expect(customer.getByRole("heading", { name: "Lenken virker ikke lenger" })).toBeVisible();
    await expect(alertOf(customer)).toHaveText(
      "Lenken er utløpt, erstattet av en nyere eller feil. Be leverandøren om en ny lenke.",
    );
  }
  await expectAccessible(customer);

  await customer.goto(link);
  await expect(customer.getByRole("heading", { name: "Koble Regnskap Pluss til ••••••546" })).toBeVisible();
  await expectAccessible(customer);
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await decideInAltinn(customer, "Godkjenn");
  await expect(customer.getByRole("heading", { name: "Tilkoblet" })).toBeVisible();
  await expect(customer.getByRole("status")).toHaveText(
    `Takk! ${LINKED} har godkjent Regnskap Pluss. Du kan lukke denne siden.`,
  );
  await expectAccessible(customer);
});

test("rejected: the outcome page says how to retry, and the button starts a fresh request", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  await generateAndRegisterKey(admin);
  const { onboardingLink } = await registerSystem(admin, base);
  const customer = await newCustomer(admin);
  await startOnPublicPage(customer, onboardingLink, REJECTS);
  await decideInAltinn(customer, "Avvis");
  await expect(customer.getByRole("heading", { name: "Forespørselen ble avvist" })).toBeVisible();
  await expect(customer.getByRole("status")).toContainText("Start på nytt, så får du en ny forespørsel");
  await expectAccessible(customer);
  await customer.getByRole("button", { name: "Start på nytt" }).click();
  await decideInAltinn(customer, "Godkjenn");
  await expect(customer.getByRole("heading", { name: "Tilkoblet" })).toBeVisible();
});

test("Altinn outage: nothing is lost, and checking again after it is back shows the result", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  const emulator = `http://127.0.0.1:${targetByPort(base).emulatorPort}`;
  const admin = await pageAs(browser, base, "admin");
  await generateAndRegisterKey(admin);
  const { onboardingLink } = await registerSystem(admin, base);
  const customer = await newCustomer(admin);
  await startOnPublicPage(customer, onboardingLink, OUTAGE);
  await expect(customer.getByRole("heading", { name: "Forespørsel om systemtilgang" })).toBeVisible();
  const fault = await fetch(`${emulator}/emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path: FAULT_PATH, errorRate: 1, status: 503 }),
  });
  expect(fault.status).toBe(200);
  try {
    await decideInAltinn(customer, "Godkjenn");
    await expect(customer.getByRole("heading", { name: "Altinn svarer ikke akkurat nå" })).toBeVisible();
    await expect(customer.getByRole("status")).toContainText("Ingenting er tapt");
    await expectAccessible(customer);
  } finally {
    await fetch(`${emulator}/emulator/faults?path=${encodeURIComponent(FAULT_PATH)}`, { method: "DELETE" });
  }
  await customer.getByRole("link", { name: "Sjekk på nytt" }).click();
  await expect(customer.getByRole("heading", { name: "Tilkoblet" })).toBeVisible();
});
