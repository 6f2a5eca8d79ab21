import { generateKeyPairSync } from "node:crypto";
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { afterAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { counts, expectAppError } from "../helpers";

async function rsa(bits: number) {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: bits, extractable: true });
  return { privateKey, publicKey };
}

export function keyImportTests(ref: PortalRef) {
  // The keys imported here wait as "next" and are not registered at the emulator: they go again
  // afterwards, so the Local environment keeps the one key every other suite signs with.
  const importedKids: string[] = [];
  afterAll(async () => {
    await ref().db.signingKey.deleteMany({ where: { kid: { in: importedKids } } });
  });

  it("imports a PKCS#8 PEM and a private JWK, storing only the sealed private key", async () => {
    const p = ref();
    const pem = await exportPKCS8((await rsa(2048)).privateKey);
    const fromPem = await p.m.keys.importSigningKey(p.scope(p.actors.admin), {
      key: pem,
      kid: "vendor-2026-imported",
    });
    importedKids.push(fromPem.kid);
    expect(fromPem.kid).toBe("vendor-2026-imported");
    // An active key already signs, so an imported key waits its turn in the rotation.
    expect(fromPem.state).toBe("next");
    const jwk = JSON.stringify(await exportJWK((await rsa(3072)).privateKey));
    const fromJwk = await p.m.keys.importSigningKey(p.scope(p.actors.admin), { key: jwk });
    importedKids.push(fromJwk.kid);
    expect(fromJwk.kid).toMatch(/^local-\d{8}-[0-9a-f]{8}$/);
    const listed = await p.m.keys.listKeys(p.scope(p.actors.admin));
    const imported = listed.find((k) => k.kid === "vendor-2026-imported");
    expect(Object.keys(imported?.publicJwk ?? {}).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    const audit = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "key.import", targetId: "vendor-2026-imported" },
    });
    expect(audit.actorId).toBe(p.actors.admin.id);
  });

  it("refuses weak, public-only, non-RSA, garbled and duplicate keys, storing nothing", async () => {
    const p = ref();
    const before = await counts(p);
    // jose refuses to make a weak key; node:crypto still can, as old tooling did.
    const weak = JSON.stringify(
      generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "jwk" }),
    );
    const publicOnly = await exportSPKI((await rsa(2048)).publicKey);
    const publicJwk = JSON.stringify(await exportJWK((await rsa(2048)).publicKey));
    const ec = JSON.stringify(await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey));
    const cases: [string, string][] = [
      [weak, "too weak (1024 bits)"],
      [publicOnly, "PKCS#8"],
      [publicJwk, "only the public part"],
      [ec, "RSA keys only"],
      ["not a key", "neither PEM nor JSON"],
    ];
    for (const [key, text] of cases) {
      const err = await expectAppError(
        p.m.keys.importSigningKey(p.scope(p.actors.admin), { key }),
        "key_import_invalid",
        400,
      );
      expect(err.userMessage.en).toContain(text);
    }
    const pem = await exportPKCS8((await rsa(2048)).privateKey);
    await expectAppError(
      p.m.keys.importSigningKey(p.scope(p.actors.admin), { key: pem, kid: "vendor-2026-imported" }),
      "kid_exists",
      409,
    );
    await expectAppError(p.m.keys.importSigningKey(p.scope(p.actors.operator), { key: pem }), "forbidden", 403);
    expect(await counts(p)).toEqual(before);
  });

  it("refuses an expired key, the same key twice, and a key that belongs to another environment", async () => {
    const p = ref();
    const other = await p.db.environment.create({
      data: {
        slug: `other-${Date.now()}`,
        name: "Test (tt02)",
        kind: "test",
        vendorOrgNo: "991825827",
        clientId: "tt02-client",
        scopes: ["altinn:authentication/systemregister.write"],
        maskinportenIssuer: "https://test.maskinporten.no/",
        maskinportenTokenUrl: "https://test.maskinporten.no/token",
        altinnBaseUrl: "https://platform.tt02.altinn.no",
      },
    });
    try {
      const pem = await exportPKCS8((await rsa(2048)).privateKey);
      const held = await p.m.keys.importSigningKey(
        p.scope(p.actors.admin, await p.m.environments.loadEnvironmentById(other.id)),
        { key: pem, kid: "tt02-held" },
      );
      expect(held.state).toBe("active");
      const before = await counts(p);
      const expired = await expectAppError(
        p.m.keys.importSigningKey(p.scope(p.actors.admin), {
          key: pem,
          expiresAt: new Date(Date.now() - 86_400_000),
        }),
        "key_expired",
        400,
      );
      expect(expired.userMessage.en).toContain("MP-121");
      const elsewhere = await expectAppError(
        p.m.keys.importSigningKey(p.scope(p.actors.admin), { key: pem }),
        "key_other_environment",
        409,
      );
      expect(elsewhere.userMessage.en).toContain('"Test (tt02)" (tt02-held)');
      const twice = await expectAppError(
        p.m.keys.importSigningKey(p.scope(p.actors.admin, await p.m.environments.loadEnvironmentById(other.id)), {
          key: pem,
          kid: "tt02-again",
        }),
        "key_duplicate",
        409,
      );
      expect(twice.userMessage.en).toContain("already stored as tt02-held");
      expect(await counts(p)).toEqual(before);
    } finally {
      await p.db.signingKey.deleteMany({ where: { environmentId: other.id } });
      await p.db.environment.delete({ where: { id: other.id } });
    }
  });

  it("keeps a given Digdir expiry date instead of assuming a year", async () => {
    const p = ref();
    const expiresAt = new Date(Date.now() + 20.5 * 86_400_000);
    const pem = await exportPKCS8((await rsa(2048)).privateKey);
    const { kid } = await p.m.keys.importSigningKey(p.scope(p.actors.admin), { key: pem, expiresAt });
    importedKids.push(kid);
    const row = await p.db.signingKey.findUniqueOrThrow({ where: { kid } });
    expect(row.expiresAt.toISOString()).toBe(expiresAt.toISOString());
    // A next key expiring within 30 days shows up on the dashboard's warnings, in any role.
    const warnings = await p.m.keys.listExpiringKeys(p.actors.auditor);
    expect(warnings.find((w) => w.kid === kid)).toMatchObject({ level: "warning", daysLeft: 20, state: "next" });
  });
}
