import { expect, expectAccessible, pageAs, test } from "./fixtures";
import { ensureSigningKey } from "./steps";

const KID = /local-\d{8}-[0-9a-f]{8}/;

// An admin rotates the Local emulator's key through the guided steps, as they would every year.
test("admin rotates the signing key without downtime, and sees expiry warnings", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const admin = await pageAs(browser, baseURL ?? "", "admin");
  await ensureSigningKey(admin);
  await admin.goto("/environment");
  const activeKey = admin.locator("li[data-kid]").filter({ hasText: "Signerer alle forespørsler" });
  // Keys other specs left waiting as "next" (the chain spec makes one) are discarded: the guide starts at step 1.
  const waiting = admin.locator('li[data-state="next"]');
  while ((await waiting.count()) > 0) {
    const kid = (await waiting.first().getAttribute("data-kid")) ?? "";
    await admin.getByRole("button", { name: `Pensjoner ${kid}` }).click();
    await expect(admin.locator(`li[data-kid="${kid}"]`)).toHaveAttribute("data-state", "retired");
  }
  const oldKid = (await activeKey.getAttribute("data-kid")) ?? "";
  expect(oldKid).toMatch(KID);
  const guide = admin.getByRole("region", { name: "Nøkkelrotasjon uten nedetid" });
  await expect(guide.locator('[aria-current="step"]')).toContainText("Lag eller importer neste nøkkel");

  // 1. Add the next key: it does not sign yet.
  await admin.getByLabel("Nøkkelstørrelse").selectOption("3072");
  await admin.getByRole("button", { name: "Lag ny nøkkel (RS256)" }).click();
  const created = admin.getByRole("status").filter({ hasText: "som «neste»" });
  await expect(created).toBeVisible();
  const newKid = (await created.textContent())?.match(KID)?.[0] ?? "";
  const newKey = admin.locator(`li[data-kid="${newKid}"]`);
  await expect(newKey).toContainText("Neste");
  await expect(newKey).toContainText("RSA 3072");
  await expect(guide.locator('[aria-current="step"]')).toContainText("Last den opp til Digdir");
  await expect(admin.getByRole("button", { name: `Aktiver ${newKid}` })).toBeDisabled();
  await expectAccessible(admin);

  // 2. Upload through Digdir's API; the portal proves it with a grant.
  await admin.getByRole("button", { name: `Last opp til Digdir ${newKid}` }).click();
  await expect(newKey.getByRole("status")).toContainText("lastet opp til Digdir og bekreftet");
  await expect(guide.locator('[aria-current="step"]')).toContainText("Aktiver den");

  // 3. Activate: the old key is retiring, still registered.
  await admin.getByRole("button", { name: `Aktiver ${newKid}` }).click();
  await expect(admin.locator(`li[data-kid="${newKid}"]`)).toContainText("Aktiv");
  const oldKey = admin.locator(`li[data-kid="${oldKid}"]`);
  await expect(oldKey).toContainText("På vei ut");
  await expect(guide.locator('[aria-current="step"]')).toContainText("Pensjoner den gamle nøkkelen");

  // The connection works, signed by the new key.
  await admin.getByRole("button", { name: "Test tilkoblingen" }).click();
  const result = admin.getByRole("list", { name: "Resultat av tilkoblingstest" });
  await expect(result).toContainText(`Maskinporten godtok en grant signert med ${newKid}`);
  await expect(result).not.toContainText("✗");

  // 4. Retire the old key: it leaves Digdir and the list of live keys.
  await admin.getByRole("button", { name: `Pensjoner ${oldKid}` }).click();
  await expect(oldKey).toHaveAttribute("data-state", "retired");
  await expect(oldKey.getByRole("status")).toContainText("Nøkkelen er pensjonert.");
  await expect(admin.locator('li[data-state="retiring"]')).toHaveCount(0);
  // A fresh test (the earlier result is gone once the page is loaded again) still signs with the new key.
  await admin.goto("/environment");
  await expect(result).toHaveCount(0);
  await admin.getByRole("button", { name: "Test tilkoblingen" }).click();
  await expect(result.getByRole("listitem")).toHaveCount(4);
  await expect(result).toContainText(`Maskinporten godtok en grant signert med ${newKid}`);
  await expect(result).not.toContainText("✗");

  // A key imported with a Digdir expiry 10 days away is flagged on the dashboard.
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const { generateKeyPair, exportPKCS8 } = await import("jose");
  const pem = await exportPKCS8(
    (await generateKeyPair("RS256", { modulusLength: 2048, extractable: true })).privateKey,
  );
  await admin.getByText("Importer en eksisterende nøkkel").click();
  await admin.getByLabel("Privat nøkkel (PKCS#8 PEM eller privat JWK)").fill(pem);
  await admin.getByLabel("Nøkkel-ID (kid) slik den er registrert hos Digdir (valgfritt)").fill("vendor-expiring-soon");
  await admin.getByLabel("Utløpsdato hos Digdir (valgfritt)").fill(soon);
  await admin.getByRole("button", { name: "Importer nøkkel" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "vendor-expiring-soon er importert" })).toBeVisible();
  await admin.goto("/");
  const warnings = admin.getByRole("region", { name: "Nøkler som snart utløper" });
  await expect(warnings).toContainText("Utløper innen 30 dager: vendor-expiring-soon i «Local emulator» (Neste)");
  await expect(warnings).toContainText("om 10 dager");
  await expectAccessible(admin);
  // Discarding the unused key clears the warning.
  await admin.goto("/environment");
  await admin.getByRole("button", { name: "Pensjoner vendor-expiring-soon" }).click();
  await expect(admin.locator('li[data-kid="vendor-expiring-soon"]').getByRole("status")).toContainText("pensjonert");
  await admin.goto("/");
  await expect(admin.getByRole("region", { name: "Nøkler som snart utløper" })).toHaveCount(0);
});
