import type { Page } from "@playwright/test";
import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { emulatorUrl, seedOrganisations } from "./emulator";
import { orgsFor } from "./orgs";
import { decideInAltinn, seedSystem } from "./steps";

// Invitations and reminders end to end: the portal sends through the emulator's mail catcher (npm start
// and e2e/serve.ts start it beside the emulator), and the tests read what arrived at /emulator/mail.
const ORGS = orgsFor("mail", 4);
const tag = `m${Date.now().toString(36)}`;

type Caught = { to: string[]; subject: string; text: string; html: string | null };

async function mailTo(base: string, to: string): Promise<Caught[]> {
  const res = await fetch(`${emulatorUrl(base)}/emulator/mail?to=${encodeURIComponent(to)}`);
  return ((await res.json()) as { messages: Caught[] }).messages;
}

/** Waits until a message to `to` whose subject matches arrives; returns the onboarding link in it. */
async function linkFrom(base: string, to: string, subject: RegExp, timeout = 20_000): Promise<string> {
  await expect
    .poll(async () => (await mailTo(base, to)).some((m) => subject.test(m.subject)), { timeout, intervals: [500] })
    .toBe(true);
  const mail = (await mailTo(base, to)).find((m) => subject.test(m.subject));
  expect(mail?.html).toContain('src="cid:qr"');
  return /https?:\/\/\S+\/onboard\/l\/\S+/.exec(mail?.text ?? "")?.[0] ?? "";
}

/** Operator: a customer with a contact address, made on the customers pages. */
async function customerWithContact(operator: Page, orgNo: string, name: string, email: string) {
  await operator.goto("/customers/new");
  await expect(operator.getByRole("heading", { name: "Ny kunde" })).toBeVisible();
  await operator.getByLabel("Organisasjonsnummer", { exact: true }).fill(orgNo);
  await operator.getByLabel("Navn", { exact: true }).fill(name);
  await operator.getByRole("button", { name: "Opprett kunde" }).click();
  await expect(operator.getByRole("heading", { name: `Kunde: ${name}` })).toBeVisible();
  const card = operator.getByRole("region", { name: "E-post til kunden" });
  await card.getByLabel("Kontaktadresse").fill(email);
  await card.getByRole("button", { name: "Lagre kontakt" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Kontakten er lagret." })).toBeVisible();
}

test("invitations for three selected customers arrive in the mail catcher, and their links work", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  const three = ORGS.slice(0, 3);
  await seedOrganisations(
    base,
    three.map((o, i) => [o, `${tag} Kunde ${i} AS`]),
  );
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  const operator = await pageAs(browser, base, "operator");
  for (const [i, orgNo] of three.entries())
    await customerWithContact(operator, orgNo, `${tag} Kunde ${i} AS`, `${tag}-${i}@kunde.test`);

  await operator.goto(`/customers?q=${tag}`);
  for (const i of [0, 1, 2]) await operator.getByRole("checkbox", { name: `Velg ${tag} Kunde ${i} AS` }).check();
  await operator.getByLabel("System", { exact: true }).selectOption({ label: `Regnskap Pluss (${systemId})` });
  await operator.getByRole("button", { name: "Send invitasjon til de valgte" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "3 lagt i kø" })).toBeVisible();

  const links = [];
  for (const i of [0, 1, 2]) links.push(await linkFrom(base, `${tag}-${i}@kunde.test`, /godkjenn tilgang/));
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(links[0] ?? "");
  await expect(customer.getByRole("heading", { name: /^Koble Regnskap Pluss til/ })).toBeVisible();
  await expect(customer.getByRole("heading", { name: "Er det ikke du som kan godkjenne?" })).toBeVisible();
  await expect(customer.getByText(/rollen Tilgangsstyrer i Altinn/)).toBeVisible();
  await expectAccessible(customer);

  // The delivery log shows them as sent.
  await operator.goto("/mail");
  await expect(
    operator
      .getByRole("row")
      .filter({ hasText: `${tag}-0@kunde.test` })
      .getByText("Sendt"),
  ).toBeVisible();
});

test("a reminder goes out at its offset and stops once the customer is connected", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  const orgNo = ORGS[3] ?? "";
  const email = `${tag}-r@kunde.test`;
  await seedOrganisations(base, [[orgNo, `${tag} Påminnelse AS`]]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  // One minute after the invitation (offsets are whole minutes; a timer wakes the scan when one is due).
  await admin.goto("/mail");
  await admin.getByLabel("Påminnelser").fill("1m, 5m");
  await admin.getByRole("button", { name: "Lagre", exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Innstillingene er lagret." })).toBeVisible();

  await customerWithContact(admin, orgNo, `${tag} Påminnelse AS`, email);
  const card = admin.getByRole("region", { name: "E-post til kunden" });
  await card.getByLabel("System").selectOption({ label: `Regnskap Pluss (${systemId})` });
  await card.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(card.getByRole("status").filter({ hasText: "1 lagt i kø" })).toBeVisible();
  await linkFrom(base, email, /godkjenn tilgang/);
  const link = await linkFrom(base, email, /^Påminnelse/, 90_000);
  const reminder = (await mailTo(base, email)).find((m) => m.subject.startsWith("Påminnelse"));
  const stopUrl = /Ikke send flere påminnelser: (http\S+\/mail\/stop\/\S+)/.exec(reminder?.text ?? "")?.[1] ?? "";
  expect(stopUrl).not.toBe("");

  // The customer follows the reminder's link and approves in "Altinn": connected.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(link);
  await customer.getByRole("button", { name: "Gå videre til Altinn" }).click();
  await decideInAltinn(customer, "Godkjenn");
  await expect(customer.getByRole("heading", { name: "Tilkoblet" })).toBeVisible();
  // The stop link's page: opening it changes nothing, and it is axe-clean.
  await customer.goto(stopUrl);
  await expect(customer.getByRole("button", { name: "Stopp påminnelsene" })).toBeVisible();
  await expectAccessible(customer);
  // The approval wakes the scan: the confirmation goes, and no reminder after it.
  await expect
    .poll(async () => (await mailTo(base, email)).some((m) => / er koblet til$/.test(m.subject)), {
      timeout: 30_000,
      intervals: [1000],
    })
    .toBe(true);
  expect((await mailTo(base, email)).filter((m) => m.subject.startsWith("Påminnelse"))).toHaveLength(1);
  await admin.goto("/mail");
  await admin.getByLabel("Påminnelser").fill("");
  await admin.getByRole("button", { name: "Lagre", exact: true }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Innstillingene er lagret." })).toBeVisible();
});
