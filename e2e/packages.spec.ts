import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { seedOrganisations } from "./emulator";
import { orgsFor } from "./orgs";
import { decideInAltinn, ensureSigningKey, fillSystemForm, seedSystem } from "./steps";

const [CUSTOMER = ""] = orgsFor("packages", 1);

test("the planner explains client packages and visibility before anything is sent", async ({ browser, baseURL }) => {
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  await ensureSigningKey(admin);
  await admin.goto("/systems/new");
  await fillSystemForm(admin, base);
  await expect(admin.getByText("Katalogen er hentet fra miljøets Altinn.")).toBeVisible();
  // Search finds the accountants' payroll package; it is a client package, for agent system users only.
  await admin.getByLabel("Søk i tilgangspakker").fill("regnskapsfører lønn");
  await admin.getByLabel("Regnskapsfører lønn").check();
  const planner = admin.getByRole("status").filter({ hasText: "pakker valgt" });
  await expect(planner).toContainText("2 pakker valgt.");
  await expect(planner).toContainText("Bare agent-systembrukere");
  await admin.getByLabel("Synlig i Altinn (kunder kan opprette systembrukeren selv)").check();
  await expect(planner).toContainText("Klientpakker kan ikke stå på et system som er synlig i Altinn (AUTH.VLD-00018)");
  await expectAccessible(admin);
  // Sent anyway: refused at the visibility field, nothing registered.
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(
    admin.getByText("Klientpakker (regnskapsfører, revisor, forretningsfører) kan ikke brukes på et synlig system"),
  ).toBeVisible();
  await expect(alertOf(admin)).toHaveCount(0);
  // Packages no system user can hold cannot be chosen at all.
  await admin.getByLabel("Søk i tilgangspakker").fill("eksplisitt");
  await expect(admin.getByRole("checkbox", { name: /eksplisitt/i })).toBeDisabled();
});

test("a system that gains a package asks its customers to approve the change", async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Merverdi Handel AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { onboardingLink, systemUrl } = await seedSystem(admin, base, { openPage: true });

  // The customer onboards with the original package.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(onboardingLink);
  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill(CUSTOMER);
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await decideInAltinn(customer, "Godkjenn");
  await admin.goto(systemUrl);
  const changes = admin.getByRole("region", { name: "Endringsforespørsler" });
  await expect(changes).toContainText("Alle vanlige systembrukere har systemets nåværende tilgang.");

  // The admin adds Merverdiavgift to the system.
  await admin.getByRole("link", { name: "Endre", exact: true }).click();
  await admin.getByLabel("Søk i tilgangspakker").fill("merverdiavgift");
  await admin.getByLabel("Merverdiavgift", { exact: true }).check();
  await admin.getByRole("button", { name: "Lagre i Altinn" }).click();
  await expect(admin).toHaveURL(systemUrl);
  await expect(changes).toContainText("1 vanlige systembrukere har ikke systemets nåværende tilgang.");
  await admin.getByRole("button", { name: "Lag endringsforespørsler for 1 systembrukere" }).click();
  await expect(changes.getByRole("status").filter({ hasText: "endringsforespørsler er laget" })).toContainText(
    "1 endringsforespørsler er laget",
  );
  const row = changes.getByRole("row", { name: new RegExp(CUSTOMER) });
  await expect(row).toContainText("legg til merverdiavgift");
  await expect(row).toContainText("New");
  await expectAccessible(admin);

  // The customer approves in "Altinn"; the vendor refreshes and sees it accepted.
  const link = (await row.getByRole("link", { name: `Åpne lenken for ${CUSTOMER}` }).getAttribute("href")) ?? "";
  await customer.goto(link);
  await decideInAltinn(customer, "Godkjenn", "change");
  await admin.getByRole("button", { name: "Oppdater status" }).click();
  await expect(changes.getByRole("status").filter({ hasText: "Status er oppdatert" })).toContainText("(1 endret)");
  await expect(changes.getByRole("row", { name: new RegExp(CUSTOMER) })).toContainText("Accepted");
  await expect(changes).toContainText("Alle vanlige systembrukere har systemets nåværende tilgang.");
});
