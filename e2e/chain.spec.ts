import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { seedOrganisations } from "./emulator";
import { orgsFor, withWrongCheckDigit } from "./orgs";
import { decideInAltinn, fillSystemForm, generateAndRegisterKey, openOnboardingPage } from "./steps";

// The walking skeleton: one vendor onboards one customer end to end, as each person would.
const [CUSTOMER = ""] = orgsFor("chain", 1);

test("vendor registers a system, customer onboards through Altinn, auditor sees it all", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Tilfeldig Bakeri AS"]]);
  const admin = await pageAs(browser, base, "admin");

  // 2. The Local emulator environment exists; the admin generates a key and registers its public JWK.
  await admin.getByRole("link", { name: "Miljø og nøkler" }).click();
  await expect(admin.getByRole("heading", { name: "Miljø: Local emulator" })).toBeVisible();
  const kid = await generateAndRegisterKey(admin);
  await admin.goto("/environment");
  await admin.getByRole("button", { name: "Test tilkoblingen" }).click();
  const result = admin.getByRole("list", { name: "Resultat av tilkoblingstest" });
  await expect(result.getByRole("listitem")).toHaveCount(4);
  await expect(result).toContainText("Maskinporten godtok en grant signert med local-");
  await expect(result).not.toContainText("✗");
  // Importing only the public half is refused, and the pasted text is not sent back.
  await admin.getByText("Importer en eksisterende nøkkel").click();
  await admin.getByLabel("Privat nøkkel (PKCS#8 PEM eller privat JWK)").fill('{"kty":"RSA","n":"AQAB","e":"AQAB"}');
  await admin.getByRole("button", { name: "Importer nøkkel" }).click();
  await expect(alertOf(admin)).toContainText("Dette er bare den offentlige delen");
  await expect(admin.getByLabel("Privat nøkkel (PKCS#8 PEM eller privat JWK)")).toHaveValue("");

  // 3. Register a system: bad input first (nothing may be written), then the real one.
  await admin.goto("/systems/new");
  await admin.getByLabel("Kortnavn").fill("Bad Name");
  await admin.getByLabel("Omdirigerings-URL").fill("http://vendor.example/callback");
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(admin.getByText("Bruk 2–49 små bokstaver")).toBeVisible();
  await expect(admin.getByText("Velg minst én tilgangspakke.")).toBeVisible();
  await expectAccessible(admin);
  const name = await fillSystemForm(admin, base);
  // Altinn (and the portal) refuse plain http outside loopback.
  await admin.getByLabel("Omdirigerings-URL").fill("http://vendor.example/callback");
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(alertOf(admin)).toHaveText(
    "Omdirigerings-URL-en må være en absolutt https-adresse (http tillates bare mot lokal emulator på 127.0.0.1/localhost).",
  );
  await admin.getByLabel("Omdirigerings-URL").fill(`${base}/onboard/callback`);
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(admin.getByRole("heading", { name: "Regnskap Pluss" })).toBeVisible();
  await expect(admin.getByText(`991825827_${name}`, { exact: true })).toBeVisible();
  // The open page is closed until the admin opens it (ADR 018); then the page shows its address.
  await expect(admin.getByRole("link", { name: `/onboard/local/991825827_${name}` })).toHaveCount(0);
  const onboardingLink = await openOnboardingPage(admin);
  expect(onboardingLink).toBe(`${base}/onboard/local/991825827_${name}`);

  // 4. An operator creates a request; an invalid org number is refused, an admin-only page is closed.
  const operator = await pageAs(browser, base, "operator");
  await operator.goto("/systems/new");
  await expect(alertOf(operator)).toHaveText("Du har ikke tilgang til denne siden.");
  await operator.goto("/requests");
  await operator.getByLabel("Kundens organisasjonsnummer").fill(withWrongCheckDigit(CUSTOMER));
  await operator.getByRole("button", { name: "Opprett forespørsel" }).click();
  await expect(operator.getByText("kontrollsifferet stemmer ikke")).toBeVisible();
  // Other specs' systems may be listed first (the servers are shared across spec files): pick ours.
  await operator.getByLabel("System", { exact: true }).selectOption({ label: `Regnskap Pluss (991825827_${name})` });
  await operator.getByLabel("Kundens organisasjonsnummer").fill(CUSTOMER);
  await operator.getByRole("button", { name: "Opprett forespørsel" }).click();
  await expect(operator.getByRole("heading", { name: `Forespørsel: ${CUSTOMER}` })).toBeVisible();
  await expect(operator.getByText("Venter på kunden")).toBeVisible();
  await expectAccessible(operator);
  const confirmUrl =
    (await operator.getByRole("link", { name: /accessmanagement\/ui\/systemuser\/request/ }).getAttribute("href")) ??
    "";
  expect(confirmUrl).toMatch(/DONTCHOOSEREPORTEE=true$/);

  // 5. The customer, with no portal login, onboards through the public page and approves in "Altinn".
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(onboardingLink);
  await expect(customer.getByRole("heading", { name: "Koble Regnskap Pluss til virksomheten din" })).toBeVisible();
  await expectAccessible(customer);
  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill("123");
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await expect(alertOf(customer)).toHaveText("Organisasjonsnummeret må ha 9 siffer.");
  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill(CUSTOMER);
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await expect(customer).toHaveURL(confirmUrl);
  await decideInAltinn(customer, "Godkjenn");
  await expect(customer.getByRole("status")).toHaveText(
    `Takk! ${CUSTOMER} har godkjent Regnskap Pluss. Du kan lukke denne siden.`,
  );
  await expectAccessible(customer);
  // A made-up or foreign reference learns nothing and changes nothing.
  await customer.goto("/onboard/callback?ref=00000000-0000-4000-8000-000000000000");
  await expect(alertOf(customer)).toContainText("Vi fant ikke denne forespørselen");

  // 6. The vendor sees Accepted and the system user mapped to the customer.
  await operator.reload();
  await expect(operator.getByText("Godkjent", { exact: true })).toBeVisible();
  await expect(operator.getByTestId("system-user-id")).toHaveText(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
  const systemUserId = (await operator.getByTestId("system-user-id").textContent()) ?? "";
  await operator.getByRole("link", { name: "Kunder" }).click();
  await expect(operator.getByRole("row", { name: new RegExp(CUSTOMER) })).toContainText(systemUserId);
  await expectAccessible(operator);

  // Every call the portal made is in the call log, with who caused it.
  await operator.getByRole("link", { name: "Kall-logg" }).click();
  const calls = operator.getByRole("table", { name: "Kall til Altinn og Maskinporten" });
  await expect(
    calls.getByRole("row", { name: /POST \/authentication\/api\/v1\/systemuser\/request\/vendor 201/ }).first(),
  ).toContainText("@vendor.example");
  await expect(calls.getByRole("row", { name: new RegExp(`customer:${CUSTOMER}`) }).first()).toBeVisible();
  await expectAccessible(operator);

  // 7. The auditor reads the whole chain in the audit log, which verifies intact.
  const auditor = await pageAs(browser, base, "auditor");
  await auditor.getByRole("link", { name: "Revisjonslogg" }).click();
  await expect(auditor.locator("[data-chain-ok]")).toHaveAttribute("data-chain-ok", "true");
  await expect(auditor.locator("[data-chain-ok]")).toContainText("Dette miljøets kjede intakt.");
  const log = auditor.getByRole("table", { name: "Revisjonslogg" });
  // The page shows the newest 50; each action is on the first page of its own filter.
  for (const action of ["key.generate", "system.register", "request.create", "request.status", "systemuser.link"]) {
    await auditor.goto(`/audit?action=${action}`);
    await expect(log.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
  }
  // This spec's own key and system, once each.
  const rows = log.getByRole("row");
  await auditor.goto(`/audit?targetType=signing_key&targetId=${kid}`);
  await expect(rows.filter({ hasText: "key.generate" }).filter({ hasText: kid })).toHaveCount(1);
  await auditor.goto(`/audit?system=991825827_${name}`);
  await expect(rows.filter({ hasText: "system.register" }).filter({ hasText: `991825827_${name}` })).toHaveCount(1);
  await expectAccessible(auditor);
});
