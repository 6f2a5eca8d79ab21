import type { Page } from "@playwright/test";
import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { seedSystem } from "./steps";

// Local, tt02 and production side by side: an admin adds them from presets, switches with one click,
// sees nothing of one in the other, and production is marked on every page.

const switcher = (page: Page) => page.getByRole("group", { name: /^Miljø/ });

async function switchTo(page: Page, name: RegExp) {
  await switcher(page).getByRole("button", { name }).click();
  await expect(switcher(page).getByRole("button", { name, pressed: true })).toBeVisible();
}

test("admin adds tt02 and production from presets, switches between them, and nothing leaks", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");

  // Something to leak: a key and a system in the Local emulator environment.
  const { systemUrl: localSystemPage } = await seedSystem(admin, base);
  await admin.goto("/systems");
  await expect(admin.getByRole("link", { name: "Regnskap Pluss" }).first()).toBeVisible();

  await admin.getByRole("link", { name: "Miljøer", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Miljøer", level: 1 })).toBeVisible();
  await expect(admin.getByRole("region", { name: "Local emulator" })).toContainText("Gjeldende miljø");
  await expectAccessible(admin);

  // tt02 from the preset: CONTRACT §0's hosts are filled in; a bad org number is refused first.
  await admin.getByRole("link", { name: "Nytt testmiljø (tt02)" }).click();
  await expect(admin.getByRole("heading", { name: "Nytt miljø: Test (tt02)" })).toBeVisible();
  await expect(admin.getByLabel("Maskinporten utsteder (issuer)")).toHaveValue("https://test.maskinporten.no/");
  await expect(admin.getByLabel("Maskinporten token-URL")).toHaveValue("https://test.maskinporten.no/token");
  await expect(admin.getByLabel("Altinn-plattform (base-URL)")).toHaveValue("https://platform.tt02.altinn.no");
  await expect(admin.getByLabel("Tillatte verter for godkjenningslenker")).toHaveValue("am.ui.tt02.altinn.no");
  await admin.getByLabel("Leverandørens organisasjonsnummer").fill("991825828");
  await admin.getByLabel("Maskinporten klient-ID").fill("tt02-e2e-client");
  await admin.getByLabel("Altinn-plattform (base-URL)").fill("http://platform.tt02.altinn.no");
  await admin.getByRole("button", { name: "Opprett miljø" }).click();
  await expect(admin.getByText("kontrollsifferet stemmer ikke")).toBeVisible();
  await expect(admin.getByText("Må være en absolutt https-adresse.")).toBeVisible();
  await expectAccessible(admin);
  await admin.getByLabel("Leverandørens organisasjonsnummer").fill("991825827");
  await admin.getByLabel("Altinn-plattform (base-URL)").fill("https://platform.tt02.altinn.no");
  await admin.getByRole("button", { name: "Opprett miljø" }).click();
  await expect(admin.getByRole("heading", { name: "Innstillinger: Test (tt02)" })).toBeVisible();

  // One click: the header shows tt02, and its lists are empty.
  await switchTo(admin, /^Test \(tt02\)/);
  await expect(switcher(admin).getByRole("button", { name: /^Local emulator/, pressed: false })).toBeVisible();
  await admin.goto("/systems");
  await expect(admin.getByText("Ingen systemer registrert ennå.")).toBeVisible();
  await expect(admin.getByText("Regnskap Pluss")).toHaveCount(0);
  await admin.goto("/environment");
  await expect(admin.getByRole("heading", { name: "Miljø: Test (tt02)" })).toBeVisible();
  await expect(admin.getByText("Ingen nøkler ennå.")).toBeVisible();
  const empties = [
    ["/requests", "Ingen forespørsler ennå."],
    ["/customers", "Ingen kunder ennå."],
    ["/calls", "Ingen kall ennå."],
  ] as const;
  for (const [path, empty] of empties) {
    await admin.goto(path);
    await expect(admin.getByText(empty)).toBeVisible();
  }
  await expect(admin.getByTestId("production-banner")).toHaveCount(0);
  // A Local system's own page is not found from tt02 (ids are global, environments are not).
  await admin.goto(localSystemPage);
  await expect(admin.getByRole("heading", { name: "Regnskap Pluss" })).toHaveCount(0);
  await expect(admin.getByText("Siden finnes ikke.")).toBeVisible();

  // The switcher also works without JavaScript: a plain form POST, then back to the same section.
  const noJs = await browser.newContext({
    baseURL: base,
    javaScriptEnabled: false,
    storageState: await admin.context().storageState(),
  });
  const plain = await noJs.newPage();
  await plain.goto("/customers");
  await switchTo(plain, /^Local emulator/);
  await expect(plain).toHaveURL(/\/customers$/);
  await switchTo(plain, /^Test \(tt02\)/);
  await noJs.close();

  // Production from its preset, then marked on every page once it is the current environment.
  await admin.goto("/environments");
  await admin.getByRole("link", { name: "Nytt produksjonsmiljø" }).click();
  await expect(admin.getByLabel("Maskinporten utsteder (issuer)")).toHaveValue("https://maskinporten.no/");
  await expect(admin.getByLabel("Altinn-plattform (base-URL)")).toHaveValue("https://platform.altinn.no");
  await expect(admin.getByLabel("Tillatte verter for godkjenningslenker")).toHaveValue("am.ui.altinn.no");
  await admin.getByLabel("Leverandørens organisasjonsnummer").fill("991825827");
  await admin.getByLabel("Maskinporten klient-ID").fill("prod-e2e-client");
  await admin.getByRole("button", { name: "Opprett miljø" }).click();
  await expect(admin.getByRole("heading", { name: "Innstillinger: Produksjon" })).toBeVisible();
  await switchTo(admin, /^Produksjon/);
  const banner = admin.getByTestId("production-banner");
  await expect(banner).toHaveText("⚠ Produksjon: Produksjon. Det du gjør her, gjelder ekte kunder i Altinn.");
  for (const path of ["/", "/systems", "/requests", "/environment"]) {
    await admin.goto(path);
    await expect(banner).toBeVisible();
  }
  await admin.goto("/environments");
  // The kind badge says it in words (shown in capitals), not only in red.
  await expect(admin.getByRole("region", { name: "Produksjon" }).locator("[data-kind=production]")).toHaveText(
    "⚠ Produksjon",
  );
  await expectAccessible(admin);

  // Changing production needs its slug typed back.
  await admin.getByRole("link", { name: "Rediger Produksjon" }).click();
  await admin.getByLabel("Maskinporten klient-ID").fill("prod-e2e-client-2");
  await admin.getByRole("button", { name: "Lagre endringer" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Dette er produksjon" })).toHaveText(
    "Dette er produksjon. Skriv inn kortnavnet «prod» for å bekrefte endringen. Ingenting er endret.",
  );
  await admin.getByLabel("Maskinporten klient-ID").fill("prod-e2e-client-2");
  await admin.getByLabel("Skriv inn kortnavnet «prod» for å bekrefte").fill("prod");
  await admin.getByRole("button", { name: "Lagre endringer" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Lagret" })).toHaveText("Lagret. Endret: clientId.");
  await expectAccessible(admin);

  // Back to Local: its system is there again, and the banner is gone.
  await switchTo(admin, /^Local emulator/);
  await admin.goto("/systems");
  await expect(admin.getByRole("link", { name: "Regnskap Pluss" }).first()).toBeVisible();
  await expect(banner).toHaveCount(0);

  // An operator sees every environment's settings, read-only.
  const operator = await pageAs(browser, base, "operator");
  await operator.getByRole("link", { name: "Miljøer", exact: true }).click();
  await expect(operator.getByText("Bare administratorer kan endre miljøer.")).toBeVisible();
  await expect(operator.getByRole("region", { name: "Test (tt02)" })).toContainText("https://platform.tt02.altinn.no");
  await expect(operator.getByRole("region", { name: "Produksjon" })).toContainText("prod-e2e-client-2");
  await expect(operator.getByRole("link", { name: /^Rediger|^Nytt/ })).toHaveCount(0);
  await expectAccessible(operator);
  await operator.goto("/environments/tt02");
  await expect(operator.getByText("am.ui.tt02.altinn.no")).toBeVisible();
  await expect(operator.getByRole("textbox")).toHaveCount(0);
  await operator.goto("/environments/new?kind=production");
  await expect(alertOf(operator)).toHaveText("Du har ikke tilgang til denne siden.");
});
