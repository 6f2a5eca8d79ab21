import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { decideInAltinn, generateAndRegisterKey, registerSystem } from "./steps";
import { targetByPort } from "./servers";

const CUSTOMER = "317000421"; // Kvitfjell Helse og Omsorg AS in the emulator's entity register, used by no other spec

test("a customer deletes the system user in Altinn; Run now shows the drift, the fix resolves it, one click re-onboards", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  const emulator = `http://127.0.0.1:${targetByPort(base).emulatorPort}`;
  const admin = await pageAs(browser, base, "admin");
  await generateAndRegisterKey(admin);
  const { systemId } = await registerSystem(admin, base);

  // The operator onboards the customer, who approves in Altinn.
  const operator = await pageAs(browser, base, "operator");
  await operator.goto("/requests");
  await operator.getByLabel("System", { exact: true }).selectOption({ label: `Regnskap Pluss (${systemId})` });
  await operator.getByLabel("Kundens organisasjonsnummer").fill(CUSTOMER);
  await operator.getByRole("button", { name: "Opprett forespørsel" }).click();
  await expect(operator.getByRole("heading", { name: `Forespørsel: ${CUSTOMER}` })).toBeVisible();
  const confirmUrl =
    (await operator.getByRole("link", { name: /accessmanagement\/ui\/systemuser\/request/ }).getAttribute("href")) ??
    "";
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(confirmUrl);
  await decideInAltinn(customer, "Godkjenn");

  // The requests list finds it by org number and by status.
  await operator.goto(`/requests?q=${CUSTOMER}`);
  await expect(operator.getByRole("link", { name: CUSTOMER })).toHaveCount(1);
  await operator.getByLabel("Status").selectOption({ label: "Venter på kunden" });
  await operator.getByRole("button", { name: "Filtrer" }).click();
  await expect(operator).toHaveURL(/status=New/);
  await expect(operator.getByText("Ingen forespørsler passer filteret.")).toBeVisible();
  await expectAccessible(operator);

  // The customer deletes the system user on Altinn's side.
  await customer.goto(`${emulator}/accessmanagement/ui/systemusers?org=${CUSTOMER}`);
  await customer
    .getByRole("button", { name: /^Slett / })
    .first()
    .click();
  await expect(customer.getByRole("status")).toBeVisible();

  // Run now: the job runs in the background and the page follows it.
  await operator.goto("/reconciliation");
  await expect(operator.getByRole("heading", { name: "Avstemming mot Altinn" })).toBeVisible();
  await operator.getByRole("button", { name: "Kjør nå" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "Avstemmingen er startet" })).toBeVisible();
  const finding = operator.getByTestId("finding").filter({ hasText: CUSTOMER });
  await expect(async () => {
    await operator.reload();
    await expect(finding).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await expect(finding).toContainText("Systembruker slettet av kunden");
  await expect(finding.getByRole("link", { name: new RegExp(CUSTOMER) })).toHaveAttribute("href", /\/customers\//);
  await expect(operator.getByTestId("last-run")).toHaveAttribute("data-status", /succeeded|failed/);
  await expectAccessible(operator);

  // The dashboard counts it.
  await operator.goto("/");
  await expect(operator.getByTestId("open-findings")).not.toHaveAttribute("data-count", "0");
  await operator.goto("/reconciliation");

  // An auditor sees it, without fix buttons.
  const auditor = await pageAs(browser, base, "auditor");
  await auditor.goto("/reconciliation");
  await expect(auditor.getByTestId("finding").filter({ hasText: CUSTOMER })).toBeVisible();
  await expect(auditor.getByRole("button", { name: /Merk som slettet/ })).toHaveCount(0);
  await expect(auditor.getByRole("button", { name: "Kjør nå" })).toHaveCount(0);

  // The fix: marked deleted, gone from the open list, listed as fixed.
  await finding.getByRole("button", { name: /^Merk som slettet/ }).click();
  await expect(alertOf(operator)).toHaveCount(0);
  await expect(finding).toHaveCount(0);
  const resolved = operator.getByTestId("resolved-finding").filter({ hasText: CUSTOMER });
  await expect(resolved).toHaveAttribute("data-resolution", "fixed");
  await expect(resolved).toContainText("Rettet");

  // The request's timeline says so.
  await operator.goto(`/requests?q=${CUSTOMER}`);
  await operator.getByRole("link", { name: CUSTOMER }).click();
  await expect(operator.getByTestId("timeline")).toContainText("Systembrukeren er slettet av kunden");

  // One click: a new request for the same customer, waiting in Altinn.
  await operator.goto("/reconciliation");
  await operator
    .getByTestId("resolved-finding")
    .filter({ hasText: CUSTOMER })
    .getByRole("button", { name: /Ny forespørsel til kunden/ })
    .click();
  await expect(operator.getByRole("heading", { name: `Forespørsel: ${CUSTOMER}` })).toBeVisible();
  await expect(operator.getByText("Venter på kunden").first()).toBeVisible();
  await operator.goto(`/requests?q=${CUSTOMER}`);
  await expect(operator.getByRole("link", { name: CUSTOMER })).toHaveCount(2);
});
