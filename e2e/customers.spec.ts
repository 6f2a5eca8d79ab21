import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { decideAtEmulator, seedOrganisations } from "./emulator";
import { orgsFor, withWrongCheckDigit } from "./orgs";
import { seedSystem } from "./steps";

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const [CUSTOMER = ""] = orgsFor("customers", 1);

test("operator creates a customer and a request, shares the link, renews after a rejection; the timeline keeps it", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Solsiden Transport AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);

  // The customer: a bad org number is refused at the field, then the real one gets a random externalRef.
  const operator = await pageAs(browser, base, "operator");
  await operator.goto("/customers");
  await operator.getByRole("link", { name: "Ny kunde" }).click();
  // Wait for the form: until the client navigation lands, the list page's search field is on screen
  // and a loose label match would fill that instead.
  await expect(operator.getByRole("heading", { name: "Ny kunde" })).toBeVisible();
  await operator.getByLabel("Organisasjonsnummer", { exact: true }).fill(withWrongCheckDigit(CUSTOMER));
  await operator.getByLabel("Navn", { exact: true }).fill("Solsiden Transport AS");
  await operator.getByRole("button", { name: "Opprett kunde" }).click();
  await expect(operator.getByText("kontrollsifferet stemmer ikke")).toBeVisible();
  await expect(operator.getByLabel("Navn", { exact: true })).toHaveValue("Solsiden Transport AS");
  await expectAccessible(operator);
  await operator.getByLabel("Organisasjonsnummer", { exact: true }).fill(CUSTOMER);
  await operator.getByLabel("Stikkord (kommaseparert)").fill("transport, pilot");
  await operator.getByRole("button", { name: "Opprett kunde" }).click();
  await expect(operator.getByRole("heading", { name: "Kunde: Solsiden Transport AS" })).toBeVisible();
  await expect(operator.getByTestId("external-ref")).toHaveText(/^c_[a-z2-7]{16}$/);
  await expectAccessible(operator);

  // The list finds it by name and by tag.
  await operator.goto("/customers?q=solsiden&tag=pilot");
  await expect(operator.getByRole("link", { name: CUSTOMER })).toBeVisible();

  // A request from the customer's page; the link comes with a QR code and messages in both languages.
  await operator.goto("/customers");
  await operator.getByRole("link", { name: CUSTOMER }).click();
  const newRequest = operator.getByRole("region", { name: "Ny forespørsel for kunden" });
  await newRequest.getByLabel("System").selectOption({ label: `Regnskap Pluss (${systemId})` });
  await newRequest.getByRole("button", { name: "Opprett forespørsel" }).click();
  await expect(operator.getByRole("heading", { name: `Forespørsel: ${CUSTOMER}` })).toBeVisible();
  await expect(operator.getByRole("img", { name: "QR-kode for godkjenningslenken" }).locator("svg")).toBeVisible();
  const confirmUrl =
    (await operator.getByRole("link", { name: /accessmanagement\/ui\/systemuser\/request/ }).getAttribute("href")) ??
    "";
  expect(confirmUrl).toContain("DONTCHOOSEREPORTEE=true");
  await expect(operator.getByLabel("Melding på bokmål")).toHaveValue(
    new RegExp(`^Hei Solsiden Transport AS,[\\s\\S]*Regnskap Pluss[\\s\\S]*${escapeRe(confirmUrl)}`),
  );
  await expect(operator.getByLabel("Melding på engelsk")).toHaveValue(
    new RegExp(`^Hello Solsiden Transport AS,[\\s\\S]*Accounting Plus[\\s\\S]*${escapeRe(confirmUrl)}`),
  );
  await expect(operator.getByTestId("timeline")).toContainText("Opprettet");
  await expectAccessible(operator);
  const oldUrl = operator.url();

  // The customer rejects in Altinn; the open page follows the request's status and shows it.
  await decideAtEmulator(base, confirmUrl, "reject");
  await expect(operator.getByTestId("timeline")).toContainText("Avvist av kunden", { timeout: 30_000 });

  // The operator renews in one step.
  await expect(operator.getByRole("region", { name: "Forny forespørselen" })).toBeVisible();
  await operator.getByRole("button", { name: "Forny forespørselen" }).click();
  await expect(operator).not.toHaveURL(oldUrl);
  await expect(operator.getByRole("heading", { name: `Forespørsel: ${CUSTOMER}` })).toBeVisible();
  await expect(operator.getByText("Venter på kunden").first()).toBeVisible();
  const newConfirm =
    (await operator.getByRole("link", { name: /accessmanagement\/ui\/systemuser\/request/ }).getAttribute("href")) ??
    "";
  expect(newConfirm).not.toBe(confirmUrl);
  await expectAccessible(operator);

  // The old request's timeline keeps the whole story and links to its successor.
  await operator.getByTestId("timeline").getByRole("link", { name: "Fornyer" }).click();
  const timeline = operator.getByTestId("timeline");
  await expect(timeline.getByRole("listitem")).toHaveText([
    /Opprettet/,
    /Avvist av kunden/,
    /Slettet i Altinn/,
    /Fornyet/,
  ]);
  await expect(operator.getByRole("button", { name: "Forny forespørselen" })).toHaveCount(0);
  await expectAccessible(operator);
});
