import { expect, it } from "vitest";
import { z } from "zod";
import { keyId, open } from "@/lib/core/secret-box";
import type { PortalRef } from "../flow-suite";
import { kidsAtMaskinporten } from "../emulator-controls";

const privateJwk = z.object({
  kty: z.literal("RSA"),
  n: z.string(),
  d: z.string().min(100),
  p: z.string().min(50),
  q: z.string().min(50),
});

export function keyTests(ref: PortalRef) {
  it("stores the private key only sealed under the master key, bound to its kid", async () => {
    const p = ref();
    expect(p.kid).toMatch(/^local-\d{8}-[0-9a-f]{8}$/);
    const row = await p.db.signingKey.findUniqueOrThrow({ where: { kid: p.kid } });
    expect(row.privateKeyEnc.startsWith(`v2.${keyId(p.masterKey)}.`)).toBe(true);
    const jwk = privateJwk.parse(JSON.parse(open(row.privateKeyEnc, p.masterKey, p.kid)));
    for (const secret of [jwk.d, jwk.p, jwk.q]) {
      expect(row.privateKeyEnc).not.toContain(secret);
      expect(row.privateKeyEnc).not.toContain(secret.slice(0, 24));
    }
    expect(() => open(row.privateKeyEnc, p.masterKey, "another-kid")).toThrow();
    expect(row.publicJwk).toEqual({ kty: "RSA", n: jwk.n, e: "AQAB", kid: p.kid, alg: "RS256", use: "sig" });
    const days = (row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(365);
  });

  it("lists keys with public parts only", async () => {
    const p = ref();
    const row = await p.db.signingKey.findUniqueOrThrow({ where: { kid: p.kid } });
    const jwk = privateJwk.parse(JSON.parse(open(row.privateKeyEnc, p.masterKey, p.kid)));
    const listed = await p.m.keys.listKeys(p.scope(p.actors.auditor));
    expect(listed.map((k) => k.kid)).toEqual([p.kid]);
    expect(Object.keys(listed[0]?.publicJwk ?? {}).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(listed[0]).not.toHaveProperty("privateKeyEnc");
    const text = JSON.stringify(listed);
    for (const secret of [jwk.d, jwk.p, jwk.q, row.privateKeyEnc]) expect(text).not.toContain(secret);
    const published = JSON.stringify(await p.m.bootstrap.publicJwksFor(p.environmentId));
    expect(published).toContain(jwk.n);
    for (const secret of [jwk.d, jwk.p, jwk.q]) expect(published).not.toContain(secret);
  });

  it("is the key the emulator's Maskinporten knows, and signs grants it accepts", async () => {
    const p = ref();
    expect(await kidsAtMaskinporten(p)).toEqual([p.kid]);
    const signer = await p.m.keys.loadSigner(p.environmentId);
    expect(signer.kid).toBe(p.kid);
    const row = await p.db.signingKey.findUniqueOrThrow({ where: { kid: p.kid } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });
}
