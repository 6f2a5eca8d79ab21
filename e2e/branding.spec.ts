import type { Page } from "@playwright/test";
import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { seedOrganisations } from "./emulator";
import { orgsFor } from "./orgs";
import { decideInAltinn, seedSystem } from "./steps";

// Issue 16, branded customer pages. The branding is the system's own override, so the Local environment's
// pages keep their look for every other spec; the environment's form is used only for a refusal (nothing saved).
const [CUSTOMER = ""] = orgsFor("branding", 1);
// A real 1×1 PNG: the browser must be able to draw the logo the customer sees.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);
const COLOUR = "#1a5e20";

async function newCustomer(page: Page) {
  return (await page.context().browser()?.newContext())?.newPage() ?? Promise.reject(new Error("no browser"));
}

test("an admin brands a system and the customer sees it on the public and result pages (axe-clean)", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Merkevare AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { onboardingLink } = await seedSystem(admin, base, { openPage: true });

  const card = admin.getByRole("region", { name: "Merkevare for dette systemet" });
  const preview = card.getByTestId("brand-preview");
  await card.getByLabel("Visningsnavn").fill("Lønn og Regnskap AS");
  // The preview follows the typing, before anything is saved.
  await expect(preview).toContainText("Lønn og Regnskap AS ber om tilgang");
  await card
    .getByLabel("Logo", { exact: true })
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
  await expect(preview.getByRole("img", { name: "Logo for Lønn og Regnskap AS" })).toBeVisible();
  await card.getByLabel("Merkefarge (#RRGGBB)").fill(COLOUR);
  await expect(card.getByTestId("brand-contrast")).toContainText("Oppfyller WCAG AA.");
  await expect(preview.getByText("Gå videre til Altinn")).toHaveCSS("background-color", "rgb(26, 94, 32)");
  await card.getByLabel("Brukerstøtte: e-post").fill("hjelp@lonn.example.no");
  await card.getByLabel("Brukerstøtte: telefon").fill("+47 22 33 44 55");
  await card.getByLabel("Brukerstøtte: nettside (https)").fill("https://lonn.example.no/hjelp");
  await card.getByRole("button", { name: "Lagre merkevaren" }).click();
  await expect(card.getByRole("status").filter({ hasText: /\S/ }).first()).toHaveText("Merkevaren er lagret.");
  await expectAccessible(admin);

  const customer = await newCustomer(admin);
  await customer.goto(onboardingLink);
  await expect(customer.getByText("Lønn og Regnskap AS ber om tilgang")).toBeVisible();
  const logo = customer.getByRole("img", { name: "Logo for Lønn og Regnskap AS" });
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  const button = customer.getByRole("button", { name: "Gå videre til Altinn" });
  await expect(button).toHaveCSS("background-color", "rgb(26, 94, 32)");
  await expect(customer.getByRole("link", { name: "hjelp@lonn.example.no" })).toHaveAttribute(
    "href",
    "mailto:hjelp@lonn.example.no",
  );
  await expect(customer.getByRole("link", { name: "+47 22 33 44 55" })).toHaveAttribute("href", "tel:+4722334455");
  await expectAccessible(customer);

  // Through Altinn and back: the result page wears the same brand.
  await customer.getByLabel("Organisasjonsnummer (9 siffer)").fill(CUSTOMER);
  await button.click();
  await decideInAltinn(customer, "Godkjenn");
  await expect(customer.getByRole("heading", { name: "Tilkoblet" })).toBeVisible();
  await expect(customer.getByText("Lønn og Regnskap AS", { exact: true })).toBeVisible();
  await expect(customer.getByRole("link", { name: "https://lonn.example.no/hjelp" })).toBeVisible();
  await expectAccessible(customer);
});

test("a brand colour that fails WCAG AA is refused with its message, and nothing is saved", async ({
  browser,
  baseURL,
}) => {
  const admin = await pageAs(browser, baseURL ?? "", "admin");
  await admin.goto("/environments/local");
  const card = admin.getByRole("region", { name: "Merkevare på kundesidene" });
  await card.getByLabel("Visningsnavn").fill("Skal ikke lagres AS");
  await card.getByLabel("Merkefarge (#RRGGBB)").fill("#ffcc00");
  await expect(card.getByTestId("brand-contrast")).toContainText("Oppfyller ikke WCAG AA");
  await card.getByRole("button", { name: "Lagre merkevaren" }).click();
  await expect(alertOf(admin)).toContainText("Ingenting ble lagret. Fargen #ffcc00 har kontrast 1.");
  await expect(card.locator("#colour-error")).toHaveText(/for lav kontrast/);
  await admin.reload();
  await expect(admin.getByRole("region", { name: "Merkevare på kundesidene" }).getByLabel("Visningsnavn")).toHaveValue(
    "",
  );
});
