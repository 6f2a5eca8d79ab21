import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { recordFailures } from "./audit-events";
import { seedOrganisations } from "./emulator";
import { alertOf, expect, expectAccessible, pageAs, test } from "./fixtures";
import { orgsFor, withWrongCheckDigit } from "./orgs";

const [CUSTOMER = ""] = orgsFor("audit", 1);
const FAILURES = 60;

/** The event numbers of the table on screen, top to bottom. */
const seqsOn = (page: Page) =>
  page.getByRole("table", { name: "Revisjonslogg" }).locator("tbody tr td:first-child").allTextContents();

test("an auditor filters by customer and outcome, pages, opens a change with its diff, and exports CSV and JSON Lines", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  await seedOrganisations(base, [[CUSTOMER, "Revisjon Test AS"]]);

  // An operator makes the customer and renames it (customer.create, customer.update with before/after) …
  const operator = await pageAs(browser, base, "operator");
  await operator.goto("/customers/new");
  await operator.getByLabel("Organisasjonsnummer", { exact: true }).fill(CUSTOMER);
  await operator.getByLabel("Navn", { exact: true }).fill("Revisjon Test AS");
  await operator.getByRole("button", { name: "Opprett kunde" }).click();
  await expect(operator.getByRole("heading", { name: "Kunde: Revisjon Test AS" })).toBeVisible();
  await operator.getByLabel("Navn", { exact: true }).fill("Revisjon Test Holding AS");
  await operator.getByRole("button", { name: "Lagre", exact: true }).click();
  await expect(operator.getByRole("heading", { name: "Kunde: Revisjon Test Holding AS" })).toBeVisible();
  // Only those who may read the log are offered it.
  await expect(operator.getByRole("link", { name: "Alt som har skjedd (revisjonslogg)" })).toHaveCount(0);
  // … and the log gets more than a page of failures for it.
  recordFailures(base, CUSTOMER, FAILURES);

  // The auditor starts from the customer's page.
  const auditor = await pageAs(browser, base, "auditor");
  await auditor.goto("/customers");
  await auditor.getByRole("link", { name: CUSTOMER }).click();
  await auditor.getByRole("link", { name: "Alt som har skjedd (revisjonslogg)" }).click();
  await expect(auditor).toHaveURL(new RegExp(`/audit\\?org=${CUSTOMER}$`));
  await expect(auditor.getByLabel("Kunde (organisasjonsnummer)")).toHaveValue(CUSTOMER);

  // A typo in the org number is refused at the field, not run.
  await auditor.getByLabel("Kunde (organisasjonsnummer)").fill(withWrongCheckDigit(CUSTOMER));
  await auditor.getByRole("button", { name: "Filtrer" }).click();
  await expect(alertOf(auditor)).toContainText("Filteret kan ikke brukes");
  await expect(auditor.getByText("kontrollsifferet stemmer ikke")).toBeVisible();
  await expect(auditor.getByRole("table", { name: "Revisjonslogg" })).toHaveCount(0);
  await expectAccessible(auditor);

  // Customer and outcome: a full first page, the rest on the next, none twice; Newer leads back.
  await auditor.getByLabel("Kunde (organisasjonsnummer)").fill(CUSTOMER);
  await auditor.getByLabel("Utfall").selectOption({ label: "Feilet" });
  await auditor.getByRole("button", { name: "Filtrer" }).click();
  await expect(auditor).toHaveURL(new RegExp(`org=${CUSTOMER}.*outcome=failure`));
  const table = auditor.getByRole("table", { name: "Revisjonslogg" });
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await expect(table.locator("tbody tr").first()).toContainText("token.diagnose");
  await expect(table.locator("tbody tr").first()).toContainText("Feilet (no_system_user)");
  const first = await seqsOn(auditor);
  await expectAccessible(auditor);
  await auditor.getByRole("link", { name: "Eldre hendelser" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(FAILURES - 50);
  const second = await seqsOn(auditor);
  expect(second.filter((s) => first.includes(s))).toEqual([]);
  expect([...first, ...second].map(Number)).toEqual([...first, ...second].map(Number).sort((a, b) => b - a));
  await expect(auditor.getByRole("link", { name: "Eldre hendelser" })).toHaveCount(0);
  await auditor.getByRole("link", { name: "Nyere hendelser" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(50);
  expect(await seqsOn(auditor)).toEqual(first);

  // Both exports carry the filters; each is on record before it is sent.
  const download = async (name: string) => {
    const [file] = await Promise.all([auditor.waitForEvent("download"), auditor.getByRole("link", { name }).click()]);
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
  };
  const csv = await download("Eksporter CSV");
  expect(csv.name).toMatch(/^audit-local-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = csv.text
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(rows[0]).toMatch(/^"seq","at","chain","chainSeq",.*"prevHash","hash"$/);
  expect(rows).toHaveLength(1 + FAILURES);
  expect(rows.slice(1).every((r) => r.includes(`"token.diagnose"`) && r.includes(`"${CUSTOMER}"`))).toBe(true);
  const jsonl = await download("Eksporter JSON Lines");
  expect(jsonl.name).toMatch(/^audit-local-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const events = jsonl.text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, string>);
  expect(events).toHaveLength(FAILURES);
  expect(events.map((e) => e.seq)).toEqual([...first, ...second].reverse());
  for (const e of events) {
    expect(e).toMatchObject({ orgNumber: CUSTOMER, outcome: "failure", action: "token.diagnose" });
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.prevHash).toMatch(/^[0-9a-f]{64}$/);
  }
  await auditor.goto("/audit?action=audit.export");
  await expect(table.locator("tbody tr").first()).toContainText("audit.export");
  await expect(table.locator("tbody tr").first()).toContainText("@vendor.example");

  // The rename, opened from the customer's log: each changed field before and after.
  await auditor.goto(`/audit?org=${CUSTOMER}&action=customer.update`);
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await table.locator("tbody tr td:first-child").getByRole("link").click();
  await expect(auditor.getByRole("heading", { name: /^Hendelse \d+$/ })).toBeVisible();
  const changes = auditor.getByRole("table", { name: "Endringer" });
  await expect(changes.getByRole("row", { name: /name/ })).toContainText("Endret");
  await expect(changes.getByRole("row", { name: /name/ })).toContainText("Revisjon Test AS");
  await expect(changes.getByRole("row", { name: /name/ })).toContainText("Revisjon Test Holding AS");
  await expect(auditor.getByText(/^[0-9a-f]{64}$/).first()).toBeVisible();
  await expectAccessible(auditor);
});

test("the export refuses a bad filter with 400, and people who may not read the log with 403", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const auditor = await pageAs(browser, base, "auditor");
  const bad = await auditor.request.get(`/api/audit/export?format=csv&org=${withWrongCheckDigit(CUSTOMER)}`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({
    error: "invalid_filter",
    fields: { org: { en: "The organisation number is not valid (the check digit does not match)." } },
  });
  expect((await auditor.request.get("/api/audit/export?format=xml")).status()).toBe(400);
  const operator = await pageAs(browser, base, "operator");
  const refused = await operator.request.get("/api/audit/export?format=csv");
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: "forbidden" });
});

test("the integrity panel: the key to download, a full check on demand, retention for admins", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  await admin.goto("/audit");
  await expect(admin.locator("[data-chain-ok]")).toHaveAttribute("data-chain-ok", "true");
  await expect(admin.locator("[data-chain-ok]")).toContainText("Dette miljøets kjede intakt.");
  const panel = admin.getByRole("region", { name: "Integritet" });

  // The key on screen is the one the download holds, public half only.
  const kid = (await panel.getByTestId("audit-key-kid").textContent())?.trim() ?? "";
  expect(kid).toMatch(/^[\w-]{43}$/);
  await expect(panel).toContainText("Ed25519 (EdDSA)");
  await expect(panel.getByText("npm run audit:verify -- FILE --public-key")).toBeVisible();
  const [file] = await Promise.all([
    admin.waitForEvent("download"),
    panel.getByRole("link", { name: "Last ned den offentlige nøkkelen (JWK)" }).click(),
  ]);
  const jwk = JSON.parse(readFileSync(await file.path(), "utf8")) as Record<string, string>;
  expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", kid });
  expect(jwk).not.toHaveProperty("d");

  // Everything verified now: the answer, and the panel's last run, with the count.
  await panel.getByRole("button", { name: "Kontroller alt nå" }).click();
  await expect(panel.getByRole("status").filter({ hasText: /\S/ })).toContainText(
    /Alt er kontrollert, og alle kjeder holder\. Hendelser kontrollert: [\d\s]+\./,
  );
  await expect(panel.getByTestId("audit-last-full")).toHaveAttribute("data-full-ok", "true");
  await expect(panel.getByTestId("audit-last-full")).toContainText(/alt holder\. Hendelser kontrollert: [\d\s]+\./);

  // Retention: 400 days is kept and shown; 10 is refused at the field and changes nothing.
  const days = panel.getByLabel("Antall dager");
  await days.fill("400");
  await panel.getByRole("button", { name: "Lagre oppbevaring" }).click();
  await expect(panel.getByTestId("audit-retention")).toHaveText("Hendelsene beholdes i 400 dager.");
  await days.fill("10");
  await panel.getByRole("button", { name: "Lagre oppbevaring" }).click();
  await expect(panel.getByText("Skriv et helt antall dager fra 30 til 36500")).toBeVisible();
  await expect(days).toHaveAttribute("aria-invalid", "true");
  await expect(panel.getByTestId("audit-retention")).toHaveText("Hendelsene beholdes i 400 dager.");
  await expectAccessible(admin);

  // Auditors see the panel and may verify, but retention is an admin's call.
  const auditor = await pageAs(browser, base, "auditor");
  await auditor.goto("/audit");
  const theirs = auditor.getByRole("region", { name: "Integritet" });
  await expect(theirs.getByTestId("audit-retention")).toHaveText("Hendelsene beholdes i 400 dager.");
  await expect(theirs.getByRole("button", { name: "Kontroller alt nå" })).toBeVisible();
  await expect(theirs.getByLabel("Antall dager")).toHaveCount(0);

  // Back to keeping everything, as the other specs expect.
  await days.fill("");
  await panel.getByRole("button", { name: "Lagre oppbevaring" }).click();
  await expect(panel.getByTestId("audit-retention")).toHaveText("Hendelsene beholdes for alltid.");
});
