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
  // The newest active key signs grants; these imported keys are not registered at the emulator, so the
  // later groups must go on with the suite's own key.
  afterAll(async () => {
    const p = ref();
    await p.db.signingKey.deleteMany({ where: { kid: { not: p.kid } } });
  });

  it("imports a PKCS#8 PEM and a private JWK, storing only the sealed private key", async () => {
    const p = ref();
    const pem = await exportPKCS8((await rsa(2048)).privateKey);
    const fromPem = await p.m.keys.importSigningKey(p.actors.admin, p.environmentId, { key: pem, kid: "vendor-2026-imported" });
    expect(fromPem.kid).toBe("vendor-2026-imported");
    const jwk = JSON.stringify(await exportJWK((await rsa(3072)).privateKey));
    const fromJwk = await p.m.keys.importSigningKey(p.actors.admin, p.environmentId, { key: jwk });
    expect(fromJwk.kid).toMatch(/^local-\d{8}-[0-9a-f]{8}$/);
    const listed = await p.m.keys.listKeys(p.actors.admin, p.environmentId);
    const imported = listed.find((k) => k.kid === "vendor-2026-imported");
    expect(Object.keys(imported?.publicJwk ?? {}).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    const audit = await p.db.auditEvent.findFirstOrThrow({ where: { action: "key.import", targetId: "vendor-2026-imported" } });
    expect(audit.actorId).toBe(p.actors.admin.id);
  });

  it("refuses weak, public-only, non-RSA, garbled and duplicate keys, storing nothing", async () => {
    const p = ref();
    const before = await counts(p);
    // jose refuses to make a weak key; node:crypto still can, as old tooling did.
    const weak = JSON.stringify(generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "jwk" }));
    const publicOnly = await exportSPKI((await rsa(2048)).publicKey);
    const publicJwk = JSON.stringify(await exportJWK((await rsa(2048)).publicKey));
    const ec = JSON.stringify(await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey));
    const cases: [string, string][] = [
      [weak, "too weak (1024 bits)"], [publicOnly, "PKCS#8"], [publicJwk, "only the public part"],
      [ec, "RSA keys only"], ["not a key", "neither PEM nor JSON"],
    ];
    for (const [key, text] of cases) {
      const err = await expectAppError(p.m.keys.importSigningKey(p.actors.admin, p.environmentId, { key }), "key_import_invalid", 400);
      expect(err.userMessage.en).toContain(text);
    }
    const pem = await exportPKCS8((await rsa(2048)).privateKey);
    await expectAppError(p.m.keys.importSigningKey(p.actors.admin, p.environmentId, { key: pem, kid: "vendor-2026-imported" }), "kid_exists", 409);
    await expectAppError(p.m.keys.importSigningKey(p.actors.operator, p.environmentId, { key: pem }), "forbidden", 403);
    expect(await counts(p)).toEqual(before);
  });
}
