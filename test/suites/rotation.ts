import { expect, it } from "vitest";
import { z } from "zod";
import type { PortalRef } from "../flow-suite";
import { emulatorFetch } from "../emulator-api";
import { expectAppError } from "../helpers";
import { LOCAL_ENVIRONMENT } from "@/lib/environments/local";

const clientList = z.array(
  z.object({ client_id: z.string(), jwks: z.object({ keys: z.array(z.object({ kid: z.string() }).loose()) }) }),
);

async function kidsAtMaskinporten(emulatorUrl: string) {
  const clients = clientList.parse((await emulatorFetch(emulatorUrl, "/emulator/maskinporten/clients")).json);
  return clients.find((c) => c.client_id === LOCAL_ENVIRONMENT.clientId)?.jwks.keys.map((k) => k.kid) ?? [];
}

// Runs last in the flow suite: afterwards a new key signs.
export function rotationTests(ref: PortalRef) {
  it("refuses rotation steps to operators and auditors, and refuses to retire the active key", async () => {
    const p = ref();
    const active = await p.db.signingKey.findUniqueOrThrow({ where: { kid: p.kid } });
    const rotation = await import("@/lib/keys/rotation");
    for (const role of ["operator", "auditor"] as const) {
      await expectAppError(rotation.activateSigningKey(p.scope(p.actors[role]), active.id), "forbidden", 403);
      await expectAppError(rotation.retireSigningKey(p.scope(p.actors[role]), active.id), "forbidden", 403);
    }
    const err = await expectAppError(rotation.retireSigningKey(p.scope(p.actors.admin), active.id), "key_active", 409);
    expect(err.userMessage.en).toContain("Activate a new key first");
  });

  it("rotates through Digdir's API with not one failed call while Altinn is being called throughout", async () => {
    const p = ref();
    const rotation = await import("@/lib/keys/rotation");
    const { callAltinn } = await import("@/lib/integrations/altinn/http");
    const environment = await p.m.environments.loadEnvironmentById(p.environmentId);
    const oldKey = await p.db.signingKey.findUniqueOrThrow({ where: { kid: p.kid } });
    expect(oldKey.state).toBe("active");

    // Four callers, each clearing the token cache first so every call signs a fresh grant.
    const outcome = { ok: 0, failed: [] as string[] };
    let running = true;
    const caller = async () => {
      while (running) {
        p.m.tokens.clearTokenCache(p.environmentId);
        try {
          await callAltinn(p.m.connect(environment), { method: "GET", path: "/systemregister/vendor" });
          outcome.ok += 1;
        } catch (err) {
          outcome.failed.push(err instanceof Error ? err.message : String(err));
        }
      }
    };
    const load = Promise.all([caller(), caller(), caller(), caller()]);
    const settle = async (calls: number) => {
      const target = outcome.ok + calls;
      while (outcome.ok < target && outcome.failed.length === 0) await new Promise((r) => setTimeout(r, 5));
    };
    try {
      await settle(10);
      // 1. Add the next key: it waits, signing nothing.
      const { kid: newKid, state } = await p.m.keys.generateSigningKey(p.scope(p.actors.admin), { bits: 3072 });
      expect(state).toBe("next");
      const newKey = await p.db.signingKey.findUniqueOrThrow({ where: { kid: newKid } });
      await settle(10);
      // Not registered yet: activating is refused, and verifying explains why.
      await expectAppError(rotation.activateSigningKey(p.scope(p.actors.admin), newKey.id), "key_unverified", 409);
      const unregistered = await expectAppError(
        rotation.verifySigningKey(p.scope(p.actors.admin), newKey.id),
        "key_not_registered",
        409,
      );
      expect(unregistered.userMessage.en).toContain(
        `does not know key ${newKid} for client ${LOCAL_ENVIRONMENT.clientId}`,
      );
      // 2. Register through Digdir's API (the emulator's /clients/{id}/jwks), which also verifies it.
      await rotation.registerKeyAtDigdir(p.scope(p.actors.admin), newKey.id);
      expect((await kidsAtMaskinporten(p.emulatorUrl)).sort()).toEqual([p.kid, newKid].sort());
      await settle(10);
      // 3. Activate: the new key signs, the old one is retiring but still registered.
      const activated = await rotation.activateSigningKey(p.scope(p.actors.admin), newKey.id);
      expect(activated).toEqual({ kid: newKid, previous: p.kid });
      await settle(20);
      // 4. Retire the old key: it leaves Digdir.
      const retired = await rotation.retireSigningKey(p.scope(p.actors.admin), oldKey.id);
      expect(retired).toEqual({ kid: p.kid, removedAtDigdir: true });
      expect(await kidsAtMaskinporten(p.emulatorUrl)).toEqual([newKid]);
      await settle(20);
    } finally {
      running = false;
      await load;
    }
    expect(outcome.failed, outcome.failed.join("\n")).toEqual([]);
    expect(outcome.ok).toBeGreaterThan(70);

    const [oldAfter, newAfter] = await Promise.all([
      p.db.signingKey.findUniqueOrThrow({ where: { id: oldKey.id } }),
      p.db.signingKey.findUniqueOrThrow({ where: { kid: (await p.m.keys.loadSigner(p.environmentId)).kid } }),
    ]);
    expect(oldAfter).toMatchObject({ state: "retired" });
    expect(newAfter).toMatchObject({ state: "active" });
    expect(newAfter.verifiedAt).toBeInstanceOf(Date);
    // The new key really signed the calls after activation.
    expect(newAfter.lastUsedAt?.getTime()).toBeGreaterThan(newAfter.activatedAt?.getTime() ?? Infinity);
    // And retiring mattered: Maskinporten now refuses the old key, so signing with it would have failed.
    const { requestToken } = await import("@/lib/integrations/maskinporten/client");
    const { loadKeySigner } = p.m.keys;
    const cfg = p.m.tokens.maskinportenConfig(p.m.connect(environment));
    await expectAppError(
      requestToken(cfg, environment.scopes, await loadKeySigner(p.environmentId, oldKey.id)),
      "MP-100",
      400,
    );

    const actions = await p.db.auditEvent.findMany({
      where: {
        targetType: "signing_key",
        targetId: { in: [newAfter.kid, p.kid] },
        action: { in: ["key.verify", "key.register", "key.activate", "key.retire"] },
      },
      orderBy: { seq: "asc" },
      select: { action: true, outcome: true, targetId: true },
    });
    expect(actions).toEqual([
      { action: "key.verify", outcome: "failure", targetId: newAfter.kid },
      { action: "key.register", outcome: "success", targetId: newAfter.kid },
      { action: "key.verify", outcome: "success", targetId: newAfter.kid },
      { action: "key.activate", outcome: "success", targetId: newAfter.kid },
      { action: "key.retire", outcome: "success", targetId: p.kid },
    ]);
    // The JWKS offered for Digdir now holds the new key only.
    expect((await p.m.keys.registrableJwks(p.environmentId)).keys.map((k) => k.kid)).toEqual([newAfter.kid]);
  });
}
