import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { sql } from "./db";
import { seedOrganisations } from "./emulator";
import { orgsFor } from "./orgs";
import { decideInAltinn, seedRequest, seedSystem } from "./steps";

const [APPROVES = "", WAITS = ""] = orgsFor("dashboard", 2);

test("the dashboard charts onboarding and calls with tables behind them, and renews an expiring request in one click", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [
    [APPROVES, "Fjellbekk Regnskap AS"],
    [WAITS, "Sølvberg Bygg AS"],
  ]);
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  const system = `Regnskap Pluss (${systemId})`;

  // One customer approves; another's request was made 24 days ago and still waits (4 of its 28 days left).
  const operator = await pageAs(browser, base, "operator");
  const { confirmUrl } = await seedRequest(operator, systemId, APPROVES);
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(confirmUrl);
  await decideInAltinn(customer, "Godkjenn");
  const { requestUrl } = await seedRequest(operator, systemId, WAITS);
  const waiting = requestUrl.split("/").pop() ?? "";
  const aged = await sql(
    base,
    `UPDATE system_user_requests SET "createdAt" = (now() AT TIME ZONE 'UTC') - interval '24 days' WHERE id = $1`,
    [waiting],
  );
  expect(aged).toBe(1);

  await operator.goto("/");
  // The funnel: the chart is an image named by its one-sentence summary; the table has the numbers.
  const funnel = operator.getByRole("region", { name: "Kundeonboarding siste 30 dager" });
  await expect(funnel.getByRole("img", { name: /forespørsler i \d+ systemer: \d+ godkjent/ })).toBeVisible();
  await funnel.getByText("Vis tallene som tabell").click();
  // System, Laget, Godkjent, Avvist, Utløpt, Ikke besvart: the aged request counts on the day it was made.
  await expect(funnel.getByRole("row", { name: system })).toHaveText(new RegExp(`^${escape(system)}21001$`));

  // Time to approval: this week's bar has at least our approval.
  const approval = operator.getByRole("region", { name: "Tid fra forespørsel til godkjenning" });
  await expect(
    approval.getByRole("img", { name: /godkjenninger de siste 12 ukene\. Uken fra .+: median/ }),
  ).toBeVisible();
  await approval.getByText("Vis tallene som tabell").click();
  const weeks = approval.getByRole("row").filter({ has: operator.getByRole("rowheader") });
  await expect(weeks).toHaveCount(12);
  await expect(weeks.last().getByRole("cell").first()).not.toHaveText("0");

  // Calls of the last 24 hours, per endpoint: the two requests were created with a POST each.
  const calls = operator.getByRole("region", { name: "Kall til Maskinporten og Altinn siste 24 timer" });
  await expect(calls.getByRole("img", { name: /kall til \d+ endepunkter; \d+ feilet/ })).toBeVisible();
  await calls.getByText("Vis tallene som tabell").click();
  const creates = calls.getByRole("row", {
    name: /^altinn · POST \/authentication\/api\/v1\/systemuser\/request\/vendor \d/,
  });
  await expect(creates.getByRole("cell").first()).toHaveText(/^\d+$/);
  expect(Number(await creates.getByRole("cell").first().textContent())).toBeGreaterThanOrEqual(2);
  await expectAccessible(operator);

  // The waiting request is listed with Renew and Remind; one click renews it and opens the new one.
  const expiring = operator.getByRole("list", { name: "Forespørsler som utløper innen 7 dager" });
  const item = expiring.getByRole("listitem").filter({ hasText: WAITS });
  await expect(item).toContainText("om 4 dager");
  await expect(item.getByRole("link", { name: new RegExp(`^Påminn .*${WAITS}`) })).toHaveAttribute(
    "href",
    `/requests/${waiting}`,
  );
  await item.getByRole("button", { name: new RegExp(`^Forny .*${WAITS}`) }).click();
  await expect(operator.getByRole("heading", { name: `Forespørsel: ${WAITS}` })).toBeVisible();
  await expect(operator).not.toHaveURL(new RegExp(waiting));
  await operator.goto("/");
  await expect(operator.getByRole("heading", { name: "Trenger oppmerksomhet" })).toBeVisible();
  await expect(operator.getByRole("listitem").filter({ hasText: WAITS })).toHaveCount(0);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
