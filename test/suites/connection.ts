import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { moveClock, registerAtMaskinporten, removeFromMaskinporten } from "../emulator-controls";

export function connectionTests(ref: PortalRef) {
  it("passes every check when the key is registered and the scopes are granted", async () => {
    const p = ref();
    const checks = await p.m.connection.testConnection(p.scope(p.actors.operator));
    expect(checks.map((c) => [c.id, c.ok])).toEqual([
      ["metadata", true],
      ["grant", true],
      ["scopes", true],
      ["altinn", true],
    ]);
    expect(checks[1]?.detail.en).toContain(p.kid);
  });

  it("stops at the grant and says why when Maskinporten no longer knows the key", async () => {
    const p = ref();
    const keys = await p.m.keys.listKeys(p.scope(p.actors.admin));
    const key = keys.find((k) => k.kid === p.kid);
    if (!key) throw new Error(`no key ${p.kid}`);
    await removeFromMaskinporten(p, p.kid);
    try {
      const checks = await p.m.connection.testConnection(p.scope(p.actors.admin));
      expect(checks.map((c) => [c.id, c.ok])).toEqual([
        ["metadata", true],
        ["grant", false],
      ]);
      expect(checks[1]?.detail.en).toContain("public key registered");
    } finally {
      await registerAtMaskinporten(p, [key.publicJwk]);
    }
  });

  it("warns about a drifting clock before grants start failing, and explains them when they do", async () => {
    const p = ref();
    try {
      await moveClock(p, { advanceMs: 7_000 });
      const drifting = await p.m.connection.testConnection(p.scope(p.actors.admin));
      expect(drifting.map((c) => [c.id, c.ok])).toEqual([
        ["metadata", true],
        ["grant", true],
        ["clock", false],
        ["scopes", true],
        ["altinn", true],
      ]);
      expect(drifting[2]?.detail.en).toMatch(/differs from Maskinporten's by (6|7|8) s/);
      await moveClock(p, { advanceMs: 60_000 });
      const off = await p.m.connection.testConnection(p.scope(p.actors.admin));
      expect(off.map((c) => [c.id, c.ok])).toEqual([
        ["metadata", true],
        ["grant", false],
      ]);
      expect(off[1]?.detail.en).toMatch(/differs from Maskinporten's by (66|67|68) s/);
    } finally {
      await moveClock(p, { reset: true });
    }
  });

  it("is for admins and operators only", async () => {
    const p = ref();
    await expect(p.m.connection.testConnection(p.scope(p.actors.auditor))).rejects.toMatchObject({
      code: "forbidden",
    });
  });
}
