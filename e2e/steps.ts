import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

/** Admin: generate a signing key and register its public JWK on the emulator's self-service page. */
export async function generateAndRegisterKey(admin: Page): Promise<string> {
  await admin.goto("/environment");
  await admin.getByRole("button", { name: /Lag ny nøkkel/ }).click();
  const status = admin.getByRole("status").filter({ hasText: "Ny nøkkel" });
  await expect(status).toBeVisible();
  const kid = (await status.textContent())?.match(/local-\d{8}-[0-9a-f]{8}/)?.[0] ?? "";
  expect(kid).not.toBe("");
  await admin.getByText("Offentlig nøkkel (JWK)").first().click();
  const jwk = (await admin.getByLabel(`Offentlig nøkkel (JWK) ${kid}`).textContent()) ?? "";
  expect(JSON.parse(jwk)).toMatchObject({ kty: "RSA", kid, alg: "RS256", use: "sig" });
  expect(jwk).not.toContain('"d"');
  const selfService = (await admin.getByRole("link", { name: "Åpne selvbetjening" }).getAttribute("href")) ?? "";
  await admin.goto(selfService);
  await admin.getByLabel("Public JWK").fill(jwk);
  await admin.getByRole("button", { name: "Legg til nøkkel / Add key" }).click();
  await expect(admin.getByRole("status")).toContainText(kid);
  return kid;
}

/**
 * Admin: the Local environment signs with a key Maskinporten knows. The first spec of a run makes one;
 * later specs reuse it rather than pile up "next" keys (the rotation spec is the one that changes it).
 */
export async function ensureSigningKey(admin: Page): Promise<void> {
  await admin.goto("/environment");
  if ((await admin.locator('li[data-state="active"]').count()) === 0) await generateAndRegisterKey(admin);
}

export const SYSTEM_TEXTS = [
  ["Navn (bokmål)", "Regnskap Pluss"],
  ["Navn (nynorsk)", "Rekneskap Pluss"],
  ["Navn (engelsk)", "Accounting Plus"],
  ["Beskrivelse (bokmål)", "Fører regnskap"],
  ["Beskrivelse (nynorsk)", "Fører rekneskap"],
  ["Beskrivelse (engelsk)", "Keeps the books"],
] as const;

const CLIENT_IDS = "Maskinporten klient-ID(er) som kan hente systembruker-tokens";

/**
 * Admin on /systems/new: fills a valid system (Skattegrunnlag package) without submitting. The form
 * offers the environment's Maskinporten client to the first system, and Altinn lets one system hold
 * it; a system takes it only when asked (`holdsClient`), so which spec ran first never matters.
 */
export async function fillSystemForm(
  admin: Page,
  baseURL: string,
  { holdsClient = false }: { holdsClient?: boolean } = {},
): Promise<string> {
  const name = `regnskap-${randomBytes(3).toString("hex")}`;
  await admin.getByLabel("Kortnavn").fill(name);
  for (const [label, value] of SYSTEM_TEXTS) await admin.getByLabel(label).fill(value);
  const area = admin.getByText("Skatt, avgift, regnskap og toll");
  if (!(await admin.getByLabel("Skattegrunnlag").isVisible())) await area.click();
  await admin.getByLabel("Skattegrunnlag").check();
  await admin.getByLabel("Omdirigerings-URL").fill(`${baseURL}/onboard/callback`);
  const clientIds = admin.getByLabel(CLIENT_IDS);
  if (holdsClient) await expect(clientIds, "another system holds the environment's client").not.toHaveValue("");
  else await clientIds.fill("");
  return name;
}

/**
 * Admin: registers a system of its own (and a signing key if the environment has none); on its page after.
 * `openPage` also opens its public onboarding page (closed by default, ADR 018), as a spec that sends
 * customers there must; `onboardingLink` is that page's address either way.
 */
export async function seedSystem(
  admin: Page,
  baseURL: string,
  options: { holdsClient?: boolean; openPage?: boolean } = {},
): Promise<{ systemId: string; onboardingLink: string; systemUrl: string }> {
  await ensureSigningKey(admin);
  await admin.goto("/systems/new");
  const name = await fillSystemForm(admin, baseURL, options);
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(admin.getByRole("heading", { name: "Regnskap Pluss" })).toBeVisible();
  const systemId = `991825827_${name}`;
  const onboardingLink = options.openPage
    ? await openOnboardingPage(admin)
    : new URL(`/onboard/local/${systemId}`, baseURL).toString();
  return { systemId, onboardingLink, systemUrl: admin.url() };
}

/** Admin on a system's page: opens its public onboarding page and returns the address the page then shows. */
export async function openOnboardingPage(admin: Page): Promise<string> {
  const card = admin.getByRole("region", { name: "Åpen påmeldingsside" });
  await card.getByRole("button", { name: "Åpne påmeldingssiden" }).click();
  await expect(card.getByRole("status")).toHaveText("Påmeldingssiden er åpen.");
  return (await card.getByRole("link", { name: /\/onboard\/local\// }).getAttribute("href")) ?? "";
}

/** Admin or operator on /requests: a request for the customer; on the request's page after. */
export async function seedRequest(
  page: Page,
  systemId: string,
  orgNo: string,
  kind: "standard" | "agent" = "standard",
): Promise<{ confirmUrl: string; requestUrl: string }> {
  await page.goto("/requests");
  await page.getByLabel("System", { exact: true }).selectOption({ label: `Regnskap Pluss (${systemId})` });
  await page.getByLabel("Kundens organisasjonsnummer").fill(orgNo);
  if (kind === "agent") await page.getByLabel("Forespørselstype").selectOption("agent");
  await page.getByRole("button", { name: "Opprett forespørsel" }).click();
  await expect(page.getByRole("heading", { name: `Forespørsel: ${orgNo}` })).toBeVisible();
  const confirmUrl =
    (await page
      .getByRole("link", { name: /accessmanagement\/ui\/systemuser\/(request|agentrequest)\?/ })
      .getAttribute("href")) ?? "";
  expect(confirmUrl).toMatch(kind === "agent" ? /\/agentrequest\?id=/ : /\/request\?id=/);
  return { confirmUrl, requestUrl: page.url() };
}

const CONFIRM_HEADINGS = {
  standard: "Forespørsel om systemtilgang",
  agent: "Forespørsel om systemtilgang for klienter",
  change: "Forespørsel om endring av systemtilgang",
} as const;

/**
 * Customer on the emulator's confirm page: sign in as a synthetic person and decide. Standard and
 * agent requests then land on the portal's callback; a change request stays in "Altinn".
 */
export async function decideInAltinn(
  customer: Page,
  decision: "Godkjenn" | "Avvis",
  kind: keyof typeof CONFIRM_HEADINGS = "standard",
) {
  await expect(customer.getByRole("heading", { name: CONFIRM_HEADINGS[kind], exact: true })).toBeVisible();
  await customer.getByLabel("Logg inn som / Sign in as").selectOption({ index: 1 });
  await customer.getByRole("button", { name: decision }).click();
  if (kind === "change") await expect(customer.getByRole("button", { name: decision })).toHaveCount(0);
  else await expect(customer).toHaveURL(/\/onboard\/callback\?ref=/);
}
