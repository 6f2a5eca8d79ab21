import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { decideAtEmulator, deleteSystemUserAtEmulator, seedOrganisations } from "./emulator";
import { orgsFor } from "./orgs";
import { reloadUntil } from "./poll";
import { seedRequest, seedSystem } from "./steps";

const [CUSTOMER = ""] = orgsFor("reconciliation", 1);

test("a customer deletes the system user in Altinn; Run now shows the drift, the fix resolves it, one click re-onboards", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Kvitfjell Helse og Omsorg AS"]]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);

  // The operator onboards the customer, who approves in Altinn; the request page follows the status.
  const operator = await pageAs(browser, base, "operator");
  const { confirmUrl } = await seedRequest(operator, systemId, CUSTOMER);
  await decideAtEmulator(base, confirmUrl, "approve");
  const systemUser = operator.getByTestId("system-user-id");
  await expect(systemUser).toHaveText(/^[0-9a-f-]{36}$/, { timeout: 30_000 });
  const systemUserId = (await systemUser.textContent()) ?? "";

  // The requests list finds it by org number and by status.
  await operator.goto(`/requests?q=${CUSTOMER}`);
  await expect(operator.getByRole("link", { name: CUSTOMER })).toHaveCount(1);
  await operator.getByLabel("Status").selectOption({ label: "Venter på kunden" });
  await operator.getByRole("button", { name: "Filtrer" }).click();
  await expect(operator).toHaveURL(/status=New/);
  await expect(operator.getByText("Ingen forespørsler passer filteret.")).toBeVisible();
  await expectAccessible(operator);

  // The customer deletes the system user on Altinn's side.
  await deleteSystemUserAtEmulator(base, systemUserId);

  // Run now: the job runs in the background; the page shows the finding and a successful run once done.
  await operator.goto("/reconciliation");
  await expect(operator.getByRole("heading", { name: "Avstemming mot Altinn" })).toBeVisible();
  await operator.getByRole("button", { name: "Kjør nå" }).click();
  await expect(operator.getByRole("status").filter({ hasText: "Avstemmingen er startet" })).toHaveText(
    "Avstemmingen er startet. Siden oppdateres når den er ferdig.",
  );
  const finding = operator.getByTestId("finding").filter({ hasText: CUSTOMER });
  const lastRun = operator.getByTestId("last-run");
  await reloadUntil(operator, async () => {
    await expect(finding).toHaveCount(1, { timeout: 1_000 });
    await expect(lastRun).toHaveAttribute("data-status", "succeeded", { timeout: 1_000 });
  });
  await expect(lastRun).toHaveText(/^.+: fullført\. \d+ systemer, \d+ nye avvik, \d+ løst\.$/);
  await expect(lastRun.getByRole("alert")).toHaveCount(0);
  await expect(finding).toHaveAttribute("data-kind", "system_user_deleted");
  await expect(finding).toContainText("Systembruker slettet av kunden");
  await expect(finding.getByRole("link", { name: new RegExp(CUSTOMER) })).toHaveAttribute("href", /\/customers\//);
  await expectAccessible(operator);

  // The dashboard counts every open finding (other specs' included), as the reconciliation page lists them.
  const open = await operator.getByTestId("finding").count();
  await operator.goto("/");
  await expect(operator.getByTestId("open-findings")).toHaveAttribute("data-count", String(open));
  await expect(operator.getByTestId("open-findings")).toHaveText(`${open} åpne avvik`);
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
