import { alertOf, expect, expectAccessible, NEW_PASSWORD, signIn, test } from "./fixtures";
import { BOOTSTRAP_PASSWORD } from "./servers";

test("first start: the bootstrap admin signs in with the one-time password and must replace it", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expectAccessible(page);

  await signIn(page, "admin@example.no", "not-the-password");
  await expect(alertOf(page)).toHaveText("Feil e-post eller passord.");

  await signIn(page, "admin@example.no", BOOTSTRAP_PASSWORD);
  await expect(page.getByRole("heading", { name: "Velg nytt passord" })).toBeVisible();
  // The portal stays closed until the password is changed.
  await page.goto("/systems");
  await expect(page.getByRole("heading", { name: "Velg nytt passord" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Nåværende passord").fill(BOOTSTRAP_PASSWORD);
  await page.getByLabel("Nytt passord (minst 12 tegn)").fill(NEW_PASSWORD);
  await page.getByLabel("Gjenta nytt passord").fill("something-else-entirely");
  await page.getByRole("button", { name: "Lagre passord" }).click();
  await expect(page.getByText("Passordene er ikke like.")).toBeVisible();

  await page.getByLabel("Nåværende passord").fill(BOOTSTRAP_PASSWORD);
  await page.getByLabel("Nytt passord (minst 12 tegn)").fill(NEW_PASSWORD);
  await page.getByLabel("Gjenta nytt passord").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Lagre passord" }).click();
  await expect(page.getByRole("heading", { name: "Oversikt" })).toBeVisible();
  await expect(page.getByText("Kom i gang · Local emulator")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Norsk" }).click();
  await expect(page.getByRole("heading", { name: "Oversikt" })).toBeVisible();
});
