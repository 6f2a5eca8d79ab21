import { alertOf, expect, pageAs, test } from "./fixtures";
import { seedOrganisations } from "./emulator";
import { orgsFor } from "./orgs";
import { decideInAltinn, seedSystem } from "./steps";

// UNKNOWN is a valid org number that is never added to the emulator's Entity Register.
const [CUSTOMER = "", UNKNOWN = ""] = orgsFor("onboarding-reject", 2);

test("a customer who rejected can start again and approve a fresh request", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Havbris Fiskeoppdrett AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { onboardingLink } = await seedSystem(admin, base, { openPage: true });

  const customer = await (await browser.newContext()).newPage();
  await customer.goto(onboardingLink);
  // An org number Altinn does not know gets Altinn's answer in plain words.
  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill(UNKNOWN);
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await expect(alertOf(customer)).toHaveText("Altinn fant ikke organisasjonsnummeret i Enhetsregisteret.");

  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill(CUSTOMER);
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await decideInAltinn(customer, "Avvis");
  await expect(customer.getByRole("status")).toContainText(`Forespørselen for ${CUSTOMER} ble avvist`);

  // "Start again" knows the customer and system from the request: straight back to Altinn.
  await customer.getByRole("button", { name: "Start på nytt" }).click();
  await decideInAltinn(customer, "Godkjenn");
  await expect(customer.getByRole("status")).toHaveText(
    `Takk! ${CUSTOMER} har godkjent Regnskap Pluss. Du kan lukke denne siden.`,
  );

  // The vendor sees both: the rejected request and the accepted one that replaced it.
  await admin.goto("/requests");
  const rows = admin.getByRole("row", { name: new RegExp(CUSTOMER) });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Avvist" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Godkjent" })).toHaveCount(1);
});
