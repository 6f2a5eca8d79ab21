import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { seedOrganisations } from "./emulator";
import { orgsFor, withWrongCheckDigit } from "./orgs";
import { decideInAltinn, seedSystem } from "./steps";

const [CUSTOMER = ""] = orgsFor("doctor", 1);

test("an operator examines a customer's system-user token, then sees a failure explained", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Lyngheim Eiendom AS"]]);
  const admin = await pageAs(browser, base, "admin");
  // Tokens are for the system that holds the environment's Maskinporten client (Altinn allows one).
  const { systemId } = await seedSystem(admin, base, { holdsClient: true, openPage: true });
  const operator = await pageAs(browser, base, "operator");

  // The customer onboards through the system's public page and approves in "Altinn".
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(`${base}/onboard/local/${systemId}`);
  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill(CUSTOMER);
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await decideInAltinn(customer, "Godkjenn");
  await expect(customer.getByRole("status")).toContainText(`Takk! ${CUSTOMER} har godkjent`);

  // The operator picks the customer's system user; the form fills org number, externalRef and system.
  await operator.goto("/doctor");
  await expect(operator.getByRole("heading", { name: "Tokendoktor" })).toBeVisible();
  const holder = operator.getByLabel("System", { exact: true }).getByRole("option", { name: /har miljøets klient/ });
  await expect(holder).toHaveText(new RegExp(`^${systemId} `));
  // A customer first seen on the public page gets an opaque externalRef (c_ + 16 base32 characters).
  const known = operator
    .getByLabel("Kjent systembruker")
    .getByRole("option", { name: new RegExp(`^${CUSTOMER} · ${systemId} · standard · externalRef c_[a-z2-7]{16}$`) });
  await expect(known).toHaveCount(1);
  const ref = (await known.textContent())?.match(/c_[a-z2-7]{16}$/)?.[0] ?? "";
  await operator
    .getByLabel("Kjent systembruker")
    .selectOption({ label: `${CUSTOMER} · ${systemId} · standard · externalRef ${ref}` });
  await expect(operator.getByLabel("Kundens organisasjonsnummer")).toHaveValue(CUSTOMER);
  await expect(operator.getByLabel("externalRef (valgfri)")).toHaveValue(ref);
  await operator.getByRole("button", { name: "Undersøk token" }).click();
  const result = operator.getByRole("list", { name: "Resultat fra tokendoktoren" });
  await expect(result).toContainText(`Maskinporten utstedte et systembrukertoken for ${CUSTOMER}.`);
  await expect(result).toContainText("Tjenesteeierens test-API svarte 200.");
  await expect(result).not.toContainText("✗");
  const claims = operator.getByRole("region", { name: "Tokenets påstander (claims)" });
  await expect(claims.getByRole("definition").first()).toHaveText(
    `{"authority":"iso6523-actorid-upis","ID":"0192:${CUSTOMER}"}`,
  );
  await expect(claims).toContainText(systemId);
  const answer = operator.getByRole("region", { name: "Svar fra tjenesteeierens test-API" });
  await expect(answer).toContainText("Status 200");
  await expect(answer).toContainText(`"orgNo": "${CUSTOMER}"`);
  // No token is on the page, only its claims.
  expect(await operator.content()).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
  await expectAccessible(operator);

  // A wrong externalRef: Maskinporten says MP-303, the doctor says which externalRef Altinn holds.
  await operator.getByLabel("externalRef (valgfri)").fill("crm-4711");
  await operator.getByRole("button", { name: "Undersøk token" }).click();
  await expect(result).toContainText("✗ Systembrukertoken");
  await expect(result).toContainText(`men med externalRef «${ref}»; granten sendte «crm-4711»`);
  await expect(result.getByRole("link", { name: "Se kundens systembrukere" })).toHaveAttribute("href", "/customers");
  await expect(operator.getByRole("region", { name: "Tokenets påstander (claims)" })).toHaveCount(0);
  await expectAccessible(operator);

  // A bad org number is refused in the form.
  await operator.getByLabel("Kundens organisasjonsnummer").fill(withWrongCheckDigit(CUSTOMER));
  await operator.getByRole("button", { name: "Undersøk token" }).click();
  await expect(operator.getByText("kontrollsifferet stemmer ikke")).toBeVisible();
});
