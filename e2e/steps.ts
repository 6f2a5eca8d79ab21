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

export const SYSTEM_TEXTS = [
  ["Navn (bokmål)", "Regnskap Pluss"],
  ["Navn (nynorsk)", "Rekneskap Pluss"],
  ["Navn (engelsk)", "Accounting Plus"],
  ["Beskrivelse (bokmål)", "Fører regnskap"],
  ["Beskrivelse (nynorsk)", "Fører rekneskap"],
  ["Beskrivelse (engelsk)", "Keeps the books"],
] as const;

/** Admin on /systems/new: fills a valid system (Skattegrunnlag package) without submitting. */
export async function fillSystemForm(admin: Page, baseURL: string): Promise<string> {
  const name = `regnskap-${randomBytes(3).toString("hex")}`;
  await admin.getByLabel("Kortnavn").fill(name);
  for (const [label, value] of SYSTEM_TEXTS) await admin.getByLabel(label).fill(value);
  const area = admin.getByText("Skatt, avgift, regnskap og toll");
  if (!(await admin.getByLabel("Skattegrunnlag").isVisible())) await area.click();
  await admin.getByLabel("Skattegrunnlag").check();
  await admin.getByLabel("Omdirigerings-URL").fill(`${baseURL}/onboard/callback`);
  return name;
}

/** Registers a system and returns its public onboarding link. */
export async function registerSystem(
  admin: Page,
  baseURL: string,
): Promise<{ systemId: string; onboardingLink: string }> {
  await admin.goto("/systems/new");
  const name = await fillSystemForm(admin, baseURL);
  await admin.getByRole("button", { name: "Registrer i Altinn" }).click();
  await expect(admin.getByRole("heading", { name: "Regnskap Pluss" })).toBeVisible();
  const onboardingLink = (await admin.getByRole("link", { name: /\/onboard\/local\// }).getAttribute("href")) ?? "";
  return { systemId: `991825827_${name}`, onboardingLink };
}

/** Customer on the emulator's confirm page: sign in as a synthetic person and decide. */
export async function decideInAltinn(customer: Page, decision: "Godkjenn" | "Avvis") {
  await expect(customer.getByRole("heading", { name: "Forespørsel om systemtilgang" })).toBeVisible();
  await customer.getByLabel("Logg inn som / Sign in as").selectOption({ index: 1 });
  await customer.getByRole("button", { name: decision }).click();
  await expect(customer).toHaveURL(/\/onboard\/callback\?ref=/);
}
