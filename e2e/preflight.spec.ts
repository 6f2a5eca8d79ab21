import { randomBytes, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { sql } from "./db";
import { controlAt, emulatorUrl, seedOrganisations } from "./emulator";
import { orgsFor } from "./orgs";
import { ensureSigningKey, fillSystemForm } from "./steps";

// Issue 16: pre-flight names the package Altinn would refuse (on the system page and before a bulk job
// starts), and a test system is promoted to a production environment with its diff shown.

const [a = "", b = ""] = orgsFor("preflight", 2);
const CLIENT_PACKAGE = "Regnskapsfører lønn";
const ADMIN_PACKAGE = "Delegerbare Maskinporten scopes";

async function checkPackage(admin: Page, area: string, label: string) {
  if (!(await admin.getByLabel(label, { exact: true }).isVisible()))
    await admin.getByText(new RegExp(`^${area} \\(\\d+\\)$`)).click();
  await admin.getByLabel(label, { exact: true }).check();
}

test("pre-flight names the package that would fail, on the system page and before a bulk job", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  await ensureSigningKey(admin);
  await admin.goto("/systems/new");
  const name = await fillSystemForm(admin, base);
  // A client package makes it a system for accounting firms; the admin package cannot go to them.
  await checkPackage(admin, "Fullmakter for regnskapsfører", CLIENT_PACKAGE);
  await checkPackage(admin, "Integrasjoner", ADMIN_PACKAGE);
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(admin.getByRole("heading", { name: "Regnskap Pluss" })).toBeVisible();

  const ready = admin.getByRole("region", { name: "Klar for kunder" });
  await expect(ready.getByTestId("readiness")).toHaveText(/^Nei/);
  await expect(ready).toContainText(`Tilgangspakken «${ADMIN_PACKAGE}»`);
  await expect(ready).toContainText("AUTH-00065");

  await seedOrganisations(base, [
    [a, "Alfa Preflight AS"],
    [b, "Beta Preflight AS"],
  ]);
  const operator = await pageAs(browser, base, "operator");
  await operator.goto("/customers/bulk");
  await operator.getByLabel("System").selectOption({ label: `Regnskap Pluss (991825827_${name})` });
  await operator.getByLabel("CSV-fil").setInputFiles({
    name: "pf.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`orgnr;navn\r\n${a};Alfa\r\n${b};Beta\r\n`),
  });
  await operator.getByRole("button", { name: "Forhåndsvis" }).click();
  const check = operator.getByRole("region", { name: "Sjekk før utsending" });
  await expect(check.getByTestId("bulk-preflight")).toHaveText("2 av 2 vil feile.");
  await expect(check).toContainText(`2 stk.: Tilgangspakken «${CLIENT_PACKAGE}»`);
  await expect(check).toContainText("AUTH-00064");
  await expectAccessible(operator);
});

test("a test system is promoted to production with its diff shown; applying again has no changes", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  await ensureSigningKey(admin);
  // Production on the same emulator: the emulator's second vendor, with a Maskinporten client of its own.
  const slug = `prod-${randomBytes(3).toString("hex")}`;
  const clientId = randomUUID();
  await sql(
    base,
    `INSERT INTO environments (id, slug, name, kind, "vendorOrgNo", "clientId", scopes, "maskinportenIssuer",
       "maskinportenTokenUrl", "altinnBaseUrl", "confirmUrlHosts", "entityRegisterUrl", "updatedAt")
     SELECT gen_random_uuid(), $1, $2, 'production', '314001230', $3, scopes, "maskinportenIssuer",
       "maskinportenTokenUrl", "altinnBaseUrl", "confirmUrlHosts", "entityRegisterUrl", now()
     FROM environments WHERE slug = 'local'`,
    [slug, `Produksjon ${slug}`, clientId],
  );

  await admin.goto("/systems/new");
  const name = await fillSystemForm(admin, base);
  await admin.getByLabel("Omdirigerings-URL").fill("https://app.vendor.example/altinn/back");
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(admin.getByRole("heading", { name: "Regnskap Pluss" })).toBeVisible();
  const systemUrl = admin.url();

  // Production signs with its own key, registered on its own client at Maskinporten.
  const switcher = admin.getByRole("group", { name: /^Miljø/ });
  const production = new RegExp(`^Produksjon ${slug}`);
  await switcher.getByRole("button", { name: production }).click();
  await expect(switcher.getByRole("button", { name: production, pressed: true })).toBeVisible();
  await admin.goto("/environment");
  await admin.getByRole("button", { name: /Lag ny nøkkel/ }).click();
  const status = admin.getByRole("status").filter({ hasText: "Ny nøkkel" });
  await expect(status).toBeVisible();
  const kid = (await status.textContent())?.match(new RegExp(`${slug}-\\d{8}-[0-9a-f]{8}`))?.[0] ?? "";
  await admin.getByText("Offentlig nøkkel (JWK)").first().click();
  const jwk = JSON.parse((await admin.getByLabel(`Offentlig nøkkel (JWK) ${kid}`).textContent()) ?? "{}") as object;
  await controlAt(emulatorUrl(base), "POST", "/emulator/maskinporten/clients", {
    client_id: clientId,
    org_no: "314001230",
    scopes: [
      "altinn:authentication/systemregister.write",
      "altinn:authentication/systemuser.request.read",
      "altinn:authentication/systemuser.request.write",
    ],
    jwks: { keys: [jwk] },
  });
  await switcher.getByRole("button", { name: /^Local emulator/ }).click();
  await expect(switcher.getByRole("button", { name: /^Local emulator/, pressed: true })).toBeVisible();

  await admin.goto(systemUrl);
  await admin.getByRole("link", { name: "Overfør til produksjon" }).click();
  await admin.getByRole("combobox", { name: "Produksjonsmiljø" }).selectOption(slug);
  await admin.getByRole("button", { name: "Vis forskjeller" }).click();
  const diff = admin.getByRole("region", { name: `Produksjonens system: 314001230_${name}` });
  await expect(diff).toContainText("Finnes ikke i produksjon ennå");
  await expect(diff.getByRole("row", { name: /Navn \(bokmål\)/ })).toContainText("Regnskap Pluss");
  await expect(diff.getByRole("row", { name: /Tilgangspakker/ })).toContainText("Endres");
  await expectAccessible(admin);
  await diff.getByLabel(`Skriv produksjonsmiljøets kortnavn (${slug}) for å bekrefte`).fill("local");
  await diff.getByRole("button", { name: "Overfør til produksjon" }).click();
  await expect(diff.getByText("Skriv kortnavnet nøyaktig for å bekrefte.")).toBeVisible();
  await diff.getByLabel(`Skriv produksjonsmiljøets kortnavn (${slug}) for å bekrefte`).fill(slug);
  await diff.getByRole("button", { name: "Overfør til produksjon" }).click();
  await expect(admin.getByTestId("promotion-status")).toHaveText("Ingen endringer: produksjon har allerede dette.");
  await expect(diff.getByRole("row", { name: /Tilgangspakker/ })).toContainText("Likt");
});
