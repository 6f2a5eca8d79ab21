import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { decideInAltinn, ensureSigningKey, fillSystemForm, seedRequest } from "./steps";

// Granlia Regnskapskontor is an accounting firm in the emulator's register; Ola Prøvesen is its client
// administrator. Its clients 310609544 and 312345129 grant both accountant packages the system asks for.
// Client relationships exist only between the emulator's built-in organisations, so this spec uses
// them, and no other spec does (they take their customers from e2e/orgs.ts).
const FACILITATOR = "314250052";
const CLIENTS = ["310609544", "312345129"];
const NOT_A_CLIENT = "313469999"; // an audit client of another firm

test("agent request for an accounting firm, approved in Altinn; its client administrator logs in with ID-porten and assigns all clients", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  await ensureSigningKey(admin);

  // A system with the accountant (client) packages next to an ordinary one.
  await admin.goto("/systems/new");
  const name = await fillSystemForm(admin, base);
  for (const label of ["Regnskapsfører med signeringsrettighet", "Regnskapsfører lønn"]) {
    await admin.getByLabel("Søk i tilgangspakker").fill(label.toLowerCase());
    await admin.getByLabel(label, { exact: true }).check();
  }
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(admin.getByRole("heading", { name: "Regnskap Pluss" })).toBeVisible();
  const systemId = `991825827_${name}`;
  const systemUrl = admin.url();

  // The operator asks the accounting firm for an agent (client) system user.
  const operator = await pageAs(browser, base, "operator");
  const { confirmUrl } = await seedRequest(operator, systemId, FACILITATOR, "agent");
  await expect(operator.getByTestId("request-kind")).toHaveText(/Klientsystembruker/);
  await expectAccessible(operator);

  // The firm approves in Altinn and lands on the portal's callback, which reads the outcome server-side.
  const firm = await (await browser.newContext()).newPage();
  await firm.goto(confirmUrl);
  await decideInAltinn(firm, "Godkjenn", "agent");
  await operator.reload();
  await expect(operator.getByTestId("system-user-id")).toHaveText(/^[0-9a-f-]{36}$/);

  // The firm's client administrator: no operator login, only ID-porten.
  const clientAdmin = await (await browser.newContext({ baseURL: base })).newPage();
  await clientAdmin.goto(`/clients/local?org=${FACILITATOR}`);
  await expect(clientAdmin.getByRole("heading", { name: `Klienter for ${FACILITATOR}` })).toBeVisible();
  await expectAccessible(clientAdmin);
  await clientAdmin.getByRole("link", { name: "Logg inn med ID-porten" }).click();
  await expect(clientAdmin.getByRole("heading", { name: "Logg inn med ID-porten (testpersoner)" })).toBeVisible();
  await clientAdmin.getByLabel(/Ola Prøvesen/).check();
  await clientAdmin.getByRole("button", { name: "Logg inn / Log in" }).click();
  await expect(clientAdmin.getByText(`Innlogget for ${FACILITATOR}.`)).toBeVisible();
  // Tokens stay on the server: the session cookie is httpOnly and sealed.
  const cookies = await clientAdmin.context().cookies();
  const session = cookies.find((c) => c.name === "clients_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.value).toMatch(/^v2\.[0-9a-f]{8}\./);
  expect(await clientAdmin.evaluate(() => document.cookie)).not.toContain("clients_session");

  const agent = clientAdmin.getByRole("region", { name: /Regnskap Pluss/ });
  await expect(agent.getByRole("heading", { name: "Tilgjengelige klienter (2)" })).toBeVisible();
  for (const org of CLIENTS) await expect(agent.getByText(org)).toBeVisible();
  await expectAccessible(clientAdmin);

  // Why is an audit client of another firm not there?
  await agent.getByLabel(/Hvorfor er ikke en klient tilgjengelig/).fill(NOT_A_CLIENT);
  await agent.getByRole("button", { name: "Forklar" }).click();
  await expect(clientAdmin.getByTestId("why-answer")).toContainText(
    `Altinn viser ikke noe klientforhold mellom ${FACILITATOR} og ${NOT_A_CLIENT}`,
  );

  await clientAdmin
    .getByRole("region", { name: /Regnskap Pluss/ })
    .getByRole("button", { name: "Tildel alle tilgjengelige klienter" })
    .click();
  await expect(clientAdmin.getByRole("heading", { name: "Tildeling av alle klienter" })).toBeVisible();
  await expect(clientAdmin.getByTestId("job-status")).toHaveText("Ferdig", { timeout: 60_000 });
  for (const org of CLIENTS) await expect(clientAdmin.getByTestId(`job-item-${org}`)).toContainText("Tildelt");
  await expect(clientAdmin.getByText("2 av 2 ferdig").first()).toBeVisible();
  await expectAccessible(clientAdmin);

  // Without a session the job page asks for a login, and the login comes back to the job.
  const jobUrl = clientAdmin.url();
  await clientAdmin.context().clearCookies({ name: "clients_session" });
  await clientAdmin.goto(jobUrl);
  await clientAdmin.getByRole("link", { name: "Logg inn med ID-porten" }).click();
  await clientAdmin.getByLabel(/Ola Prøvesen/).check();
  await clientAdmin.getByRole("button", { name: "Logg inn / Log in" }).click();
  await expect(clientAdmin.getByRole("heading", { name: "Tildeling av alle klienter" })).toBeVisible();
  await expect(clientAdmin.getByTestId("job-status")).toHaveText("Ferdig");

  await clientAdmin.getByRole("link", { name: "Tilbake til klientsystembrukerne" }).click();
  const after = clientAdmin.getByRole("region", { name: /Regnskap Pluss/ });
  await expect(after.getByRole("heading", { name: "Tildelte klienter (2)" })).toBeVisible();
  await expect(after.getByRole("heading", { name: "Tilgjengelige klienter (0)" })).toBeVisible();

  // Clean up: the spec's system is deleted in Altinn.
  await admin.goto(systemUrl);
  await admin.getByLabel(`Skriv system-ID-en ${systemId} for å bekrefte`).fill(systemId);
  await admin.getByRole("button", { name: "Slett i Altinn" }).click();
  await expect(admin.getByText(/Systemet ble slettet i Altinn/)).toBeVisible();
});
