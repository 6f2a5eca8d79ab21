import { randomBytes } from "node:crypto";
import { expect, expectAccessible, NEW_PASSWORD, pageAs, signIn, test } from "./fixtures";

// The Users page (admins) and My account: make a user, hand over the one-time password, and the user
// signs in with it; every page passes axe. (Ending sessions is proven in security/sessions.check.ts.)

test("an admin creates a user on the Users page; the one-time password is shown once and signs in", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  await admin.getByRole("link", { name: "Brukere", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Brukere", level: 1 })).toBeVisible();
  await expectAccessible(admin);

  const email = `kari-${randomBytes(3).toString("hex")}@vendor.example`;
  const form = admin.getByRole("region", { name: "Ny bruker" });
  await form.getByLabel("E-post").fill("not-an-email");
  await form.getByLabel("Navn").fill("Kari Nordmann");
  await form.getByRole("button", { name: "Opprett bruker" }).click();
  await expect(form.getByText("Skriv en gyldig e-postadresse.")).toBeVisible();
  await form.getByLabel("E-post").fill(email);
  await form.getByRole("combobox", { name: "Rolle" }).selectOption("auditor");
  await form.getByRole("button", { name: "Opprett bruker" }).click();
  await expect(form.getByText(`${email} er opprettet.`)).toBeVisible();
  const password = (await form.getByTestId("one-time-password").textContent()) ?? "";
  expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
  await expectAccessible(admin);

  const row = admin.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("Revisor");
  await expect(row).toContainText("Engangspassord, gjelder til");
  await expect(row).toContainText("Aldri");
  await row.getByRole("link", { name: "Kari Nordmann" }).click();
  await expect(admin.getByRole("heading", { name: `Bruker ${email}` })).toBeVisible();
  await expectAccessible(admin);
  // Allowing single sign-on linking is a setting of its own, clearly labelled.
  await admin.getByRole("button", { name: "Tillat kobling ved neste SSO-innlogging" }).click();
  await expect(admin.getByRole("button", { name: "Trekk tilbake tillatelsen til kobling" })).toBeVisible();
  await expect(admin.getByText("Ikke koblet (kobling tillatt ved neste innlogging)")).toBeVisible();

  const context = await browser.newContext({ baseURL: base });
  const kari = await context.newPage();
  await signIn(kari, email, password);
  await expect(kari.getByRole("heading", { name: "Velg nytt passord" })).toBeVisible();
  await kari.getByLabel("Nåværende passord").fill(password);
  await kari.getByLabel("Nytt passord (minst 12 tegn)").fill(NEW_PASSWORD);
  await kari.getByLabel("Gjenta nytt passord").fill(NEW_PASSWORD);
  await kari.getByRole("button", { name: "Lagre passord" }).click();
  await expect(kari.getByRole("heading", { name: "Oversikt" })).toBeVisible();
  // Not an admin: no Users page in the menu, and the page itself refuses.
  await expect(kari.getByRole("link", { name: "Brukere", exact: true })).toHaveCount(0);
  await kari.goto("/users");
  await expect(kari.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Du har ikke tilgang til denne siden.");

  await kari.getByRole("link", { name: /Min konto/ }).click();
  await expect(kari.getByRole("heading", { name: "Min konto" })).toBeVisible();
  await expect(kari.getByRole("button", { name: "Logg ut overalt" })).toBeVisible();
  await expectAccessible(kari);
  await kari.getByRole("button", { name: "English" }).click();
  await expect(kari.getByRole("heading", { name: "My account" })).toBeVisible();
  await expectAccessible(kari);
  await context.close();
  await admin.context().close();
});
