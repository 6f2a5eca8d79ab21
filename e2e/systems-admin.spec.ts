import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { seedSystem } from "./steps";
import { changeInAltinn } from "./other-tool";

// Issue 5, System Register management: one test per flow an admin goes through, each on its own system.

async function adminWithSystem(
  browser: Browser,
  base: string,
  options: { openPage?: boolean } = {},
): Promise<{ admin: Page; systemId: string; onboardingLink: string; systemUrl: string }> {
  const admin = await pageAs(browser, base, "admin");
  return { admin, ...(await seedSystem(admin, base, options)) };
}

test("admin edits a system: bad redirect URL refused at the field, the rest saved in Altinn", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  const { admin, systemId } = await adminWithSystem(browser, base);
  await admin.getByRole("link", { name: "Endre", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Endre Regnskap Pluss" })).toBeVisible();
  await expect(admin.getByText(systemId, { exact: true })).toBeVisible();
  await expect(admin.getByText("Synlige systemer vises i Altinn")).toBeVisible();
  await expectAccessible(admin);

  const redirects = admin.getByLabel("Tillatte omdirigerings-URL-er (én per linje)");
  await expect(redirects).toHaveValue(`${base}/onboard/callback`);
  await redirects.fill(`${base}/onboard/callback\nhttp://vendor.example/return`);
  await admin.getByLabel("Navn (engelsk)").fill("Accounting Plus Pro");
  await admin.getByRole("button", { name: "Lagre i Altinn" }).click();
  await expect(admin.locator("#redirectUrls-error")).toHaveText(/absolutt https-adresse.*AUTH\.VLD-00005/);
  await expect(admin.getByLabel("Navn (engelsk)")).toHaveValue("Accounting Plus Pro");
  await expectAccessible(admin);

  await redirects.fill(`${base}/onboard/callback\nhttps://app.vendor.example/return`);
  await admin.getByRole("button", { name: "Lagre i Altinn" }).click();
  await expect(admin.getByRole("heading", { name: "Regnskap Pluss" })).toBeVisible();
  await expect(admin.getByText("https://app.vendor.example/return", { exact: true })).toBeVisible();

  // What Altinn holds now agrees with the portal: the sync page finds no drift.
  await admin.getByRole("link", { name: "Synkroniser fra Altinn" }).click();
  await expect(admin.getByText("Portalen og Altinn er like.")).toBeVisible();
  await expect(admin.getByRole("row", { name: /Navn \(engelsk\)/ })).toContainText("Accounting Plus Pro");
});

test("admin deletes a system after typing its id: greyed in the list, onboarding link gone", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  // Its open page is open, so that the deletion is what closes it.
  const { admin, systemId, onboardingLink } = await adminWithSystem(browser, base, { openPage: true });
  const confirm = admin.getByLabel(`Skriv system-ID-en ${systemId} for å bekrefte`);
  await confirm.fill("feil-id");
  await admin.getByRole("button", { name: "Slett i Altinn" }).click();
  await expect(admin.locator("#confirm-error")).toHaveText("Teksten er ikke lik system-ID-en.");
  await expect(admin.getByRole("alert").filter({ hasText: "nøyaktig for å slette" })).toContainText(
    `Skriv system-ID-en ${systemId} nøyaktig`,
  );
  await expectAccessible(admin);

  await confirm.fill(systemId);
  await admin.getByRole("button", { name: "Slett i Altinn" }).click();
  await expect(admin.getByText(/Systemet ble slettet i Altinn .*Påmeldingslenken virker ikke lenger/)).toBeVisible();
  await expect(admin.getByRole("link", { name: "Endre", exact: true })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Slett i Altinn" })).toHaveCount(0);
  await expectAccessible(admin);

  await admin.goto("/systems");
  const row = admin.getByRole("row").filter({ hasText: systemId });
  await expect(row).toContainText("Slettet i Altinn");
  await expect(row.getByRole("link", { name: /^Endre/ })).toHaveCount(0);
  await expectAccessible(admin);

  const customer = await (await browser.newContext()).newPage();
  await customer.goto(onboardingLink);
  await expect(customer.getByRole("heading", { level: 1 })).toHaveText(
    "Dette systemet finnes ikke. Sjekk lenken du fikk fra leverandøren.",
  );
  await expect(customer.getByRole("button", { name: "Gå videre til Altinn" })).toHaveCount(0);
});

test("redirect URL checker says whether Altinn will accept a URL, and why not", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  const { admin } = await adminWithSystem(browser, base);
  const input = admin.getByLabel("URL å sjekke");
  const lines = admin.locator("#redirect-check-result").locator("p");
  const callback = `${base}/onboard/callback`;
  const accepted = [`✓ Godtas: samme skjema, vert og sti som ${callback}.`];
  const noMatch = "✗ Avvises (AUTH-00021): ingen tillatt URL har samme skjema, vert og sti.";
  // Prefilled with the portal's own callback, with a query string: accepted. Each URL below changes the
  // verdict, so every assertion waits for the checker's new answer.
  await expect(input).toHaveValue(/\/onboard\/callback\?ref=example$/);
  await expect(lines).toHaveText(accepted);
  await expectAccessible(admin);
  await input.fill(`${callback}/extra`);
  await expect(lines).toHaveText([noMatch, `✗ Nærmest er ${callback}, men stien er forskjellig.`]);
  await input.fill(`${callback}?state=abc&x=1`);
  await expect(lines).toHaveText(accepted);
  await input.fill("https://evil.example/onboard/callback");
  await expect(lines).toHaveText([noMatch, `✗ Nærmest er ${callback}, men verten (domene eller port) er forskjellig.`]);
  await input.fill("onboard/callback");
  await expect(lines).toHaveText(["✗ Avvises: dette er ikke en absolutt URL (den må starte med https://)."]);
  await expectAccessible(admin);
});

test("drift made in Altinn by another tool is shown field by field and settled either way", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? "";
  const { admin, systemId, systemUrl } = await adminWithSystem(browser, base);
  await changeInAltinn(base, systemId, (s) => ({
    ...s,
    name: { ...(s.name as object), en: "Renamed elsewhere" },
    rights: [{ resource: [{ id: "urn:altinn:resource", value: "ske-skattegrunnlag" }] }],
  }));

  await admin.getByRole("link", { name: "Synkroniser fra Altinn" }).click();
  await expect(admin.getByText("2 felt er ulike.")).toBeVisible();
  const nameRow = admin.getByRole("row", { name: /Navn \(engelsk\)/ });
  await expect(nameRow).toContainText("Accounting Plus");
  await expect(nameRow).toContainText("Renamed elsewhere");
  await expect(nameRow).toContainText("Ulikt");
  await expect(admin.getByRole("row", { name: /Enkeltrettigheter/ })).toContainText("ske-skattegrunnlag");
  await expectAccessible(admin);

  await admin.getByRole("button", { name: "Altinn vinner: oppdater portalen" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Synkronisert" })).toContainText(
    "Navn (engelsk), Enkeltrettigheter",
  );
  await expect(admin.getByText("Portalen og Altinn er like.")).toBeVisible();

  // Again, and this time the portal wins: Altinn gets the portal's name back, the right stays.
  await changeInAltinn(base, systemId, (s) => ({ ...s, name: { ...(s.name as object), en: "Changed again" } }));
  await admin.reload();
  await expect(admin.getByText("1 felt er ulike.")).toBeVisible();
  await admin.getByRole("button", { name: "Portalen vinner: skriv til Altinn" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Synkronisert" })).toContainText("Navn (engelsk)");
  await expect(admin.getByText("Portalen og Altinn er like.")).toBeVisible();
  await expect(admin.getByRole("row", { name: /Navn \(engelsk\)/ })).toContainText("Renamed elsewhere");

  // History: Altinn's changelog beside the portal's audit trail.
  await admin.goto(`${systemUrl}/history`);
  await expect(admin.getByRole("heading", { name: "Altinns endringslogg" })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "Opprettet" })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "Endret" })).toHaveCount(3);
  await expect(admin.getByRole("cell", { name: "system.sync" })).toBeVisible();
  await expect(admin.getByRole("cell", { name: "system.update" })).toBeVisible();
  await expectAccessible(admin);
});
