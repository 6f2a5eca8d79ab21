import { readFileSync } from "node:fs";
import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { seedOrganisations } from "./emulator";
import { orgsFor, withWrongCheckDigit } from "./orgs";
import { seedSystem } from "./steps";

const [a = "", b = "", c = ""] = orgsFor("bulk", 3);

test("operator uploads a CSV, sees a row error in the preview, starts, watches progress reach 100 % and downloads the result", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? "";
  const admin = await pageAs(browser, base, "admin");
  const { systemId } = await seedSystem(admin, base);
  const bad = withWrongCheckDigit(a);
  // The customers must exist in Altinn's Entity Register (the emulator's, here).
  await seedOrganisations(base, [
    [a, "Alfa AS"],
    [b, "Beta AS"],
    [c, "Gamma AS"],
  ]);

  const operator = await pageAs(browser, base, "operator");
  await operator.goto("/customers");
  await operator.getByRole("link", { name: "Masseopprettelse fra CSV" }).click();
  await expect(operator.getByRole("heading", { name: "Masseopprettelse", exact: true })).toBeVisible();
  await operator.getByLabel("System").selectOption({ label: `Regnskap Pluss (${systemId})` });
  const file = `\uFEFForgnr;navn;ref\r\n${a};Alfa AS;K-1\r\n${bad};Feil AS;K-2\r\n${b};Beta AS;K-3\r\n${c};Gamma AS;K-4\r\n`;
  await operator
    .getByLabel("CSV-fil")
    .setInputFiles({ name: "kunder.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await operator.getByRole("button", { name: "Forhåndsvis" }).click();

  // The preview: every row checked, the bad one says why, nothing sent yet.
  await expect(operator.getByRole("heading", { name: "Masseopprettelse: kunder.csv" })).toBeVisible();
  await expect(operator.getByTestId("bulk-summary")).toHaveText(
    "Klare: 3 · Med feil: 1 · Finnes allerede som kunder: 0",
  );
  await expect(operator.getByRole("row").filter({ hasText: bad })).toContainText("Kontrollsifferet stemmer ikke");
  await expect(operator.getByRole("row").filter({ hasText: a })).toContainText("OK");
  await expectAccessible(operator);

  await operator.getByRole("button", { name: "Start opprettelse av 3 forespørsler" }).click();
  const bar = operator.getByRole("progressbar", { name: "Fremdrift" });
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(operator.getByTestId("bulk-progress-text")).toHaveText("3 av 3 ferdig (100 %)");
  await expect(operator.getByTestId("bulk-status")).toHaveText("Ferdig");
  await expect(operator.getByRole("row").filter({ hasText: b })).toContainText("Forespørsel opprettet");
  await expectAccessible(operator);

  const [download] = await Promise.all([
    operator.waitForEvent("download"),
    operator.getByRole("link", { name: "Last ned resultat (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("kunder-result.csv");
  const lines = readFileSync(await download.path(), "utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe('"line","orgNo","name","ref","result","requestStatus","confirmUrl","onboardingLink","message"');
  const confirm =
    "http://127\\.0\\.0\\.1:\\d+/accessmanagement/ui/systemuser/request\\?id=[0-9a-f-]{36}&DONTCHOOSEREPORTEE=true";
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(new RegExp(`^"2","${a}","Alfa AS","K-1","created","New","${confirm}","",""$`)),
    `"3","${bad}","Feil AS","K-2","invalid","","","","Kontrollsifferet stemmer ikke"`,
    expect.stringMatching(new RegExp(`^"4","${b}","Beta AS","K-3","created","New","${confirm}","",""$`)),
    expect.stringMatching(new RegExp(`^"5","${c}","Gamma AS","K-4","created","New","${confirm}","",""$`)),
  ]);

  // The request says where it came from, and links back to the job.
  await operator.getByRole("link", { name: `Åpne forespørselen ${a}` }).click();
  await expect(operator.getByRole("heading", { name: `Forespørsel: ${a}` })).toBeVisible();
  await expect(operator.getByText("Opprettet ved masseopprettelse")).toBeVisible();
  await operator.getByTestId("timeline").getByRole("link", { name: "Masseopprettelse" }).click();
  await expect(operator.getByRole("heading", { name: "Masseopprettelse: kunder.csv" })).toBeVisible();

  // The list of jobs shows it finished.
  await operator.goto("/customers/bulk");
  await expect(operator.getByRole("row").filter({ hasText: "kunder.csv" })).toContainText("Ferdig");
  await expectAccessible(operator);
});
