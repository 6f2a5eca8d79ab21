import type { Page } from "@playwright/test";
import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { seedOrganisations, withFault } from "./emulator";
import { orgsFor } from "./orgs";
import { decideInAltinn, seedRequest, seedSystem } from "./steps";

// Each test registers its own system and onboards its own customer.
const [LINKED = "", REJECTS = "", OUTAGE = ""] = orgsFor("public-onboarding", 3);
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
  await seedOrganisations(base, [[LINKED, "Lenkebruk AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  await seedRequest(admin, systemId, LINKED);

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
  await expect(
    customer.getByRole("heading", { name: `Koble Regnskap Pluss til ••••••${LINKED.slice(-3)}` }),
  ).toBeVisible();
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
  await seedOrganisations(base, [[REJECTS, "Avslag AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { onboardingLink } = await seedSystem(admin, base, { openPage: true });
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
  await seedOrganisations(base, [[OUTAGE, "Nedetid AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { onboardingLink } = await seedSystem(admin, base, { openPage: true });
  const customer = await newCustomer(admin);
  await startOnPublicPage(customer, onboardingLink, OUTAGE);
  await expect(customer.getByRole("heading", { name: "Forespørsel om systemtilgang" })).toBeVisible();
  await withFault(base, { path: FAULT_PATH, errorRate: 1, status: 503 }, async () => {
    await decideInAltinn(customer, "Godkjenn");
    await expect(customer.getByRole("heading", { name: "Altinn svarer ikke akkurat nå" })).toBeVisible();
    await expect(customer.getByRole("status")).toContainText("Ingenting er tapt");
    await expectAccessible(customer);
  });
  await customer.getByRole("link", { name: "Sjekk på nytt" }).click();
  await expect(customer.getByRole("heading", { name: "Tilkoblet" })).toBeVisible();
});
