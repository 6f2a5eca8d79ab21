import { beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { emulatorCalls, kidsAtMaskinporten } from "../emulator-controls";
import { until } from "../until";
import { expectAppError } from "../helpers";
import { seedEnvironment } from "../seed";
import type { EnvironmentView } from "@/lib/environments/types";

const VENDOR_LIST = "GET /authentication/api/v1/systemregister/vendor";
const TOKEN = "POST /token";

// Rotation runs in an environment of its own (same emulator, its own Maskinporten client and key), so
// the Local environment keeps the key every other suite signs with, whatever order the suites run in.
export function rotationTests(ref: PortalRef) {
  let environment: EnvironmentView;
  let firstKid = "";
  beforeAll(async () => {
    ({ environment, kid: firstKid } = await seedEnvironment(ref(), "rotation"));
  });

  it("refuses rotation steps to operators and auditors, and refuses to retire the active key", async () => {
    const p = ref();
    const active = await p.db.signingKey.findUniqueOrThrow({ where: { kid: firstKid } });
    expect(active.state).toBe("active");
    const rotation = await import("@/lib/keys/rotation");
    for (const role of ["operator", "auditor"] as const) {
      await expectAppError(
        rotation.activateSigningKey(p.scope(p.actors[role], environment), active.id),
        "forbidden",
        403,
      );
      await expectAppError(
        rotation.retireSigningKey(p.scope(p.actors[role], environment), active.id),
        "forbidden",
        403,
      );
    }
    const err = await expectAppError(
      rotation.retireSigningKey(p.scope(p.actors.admin, environment), active.id),
      "key_active",
      409,
    );
    expect(err.userMessage.en).toContain("Activate a new key first");
  });

  it("rotates through Digdir's API with not one failed call while Altinn is being called throughout", async () => {
    const p = ref();
    const admin = p.scope(p.actors.admin, environment);
    const rotation = await import("@/lib/keys/rotation");
    const { callAltinn } = await import("@/lib/integrations/altinn/http");
    const oldKey = await p.db.signingKey.findUniqueOrThrow({ where: { kid: firstKid } });
    expect(oldKey.state).toBe("active");
    const seen = async () => ({ list: await emulatorCalls(p, VENDOR_LIST), token: await emulatorCalls(p, TOKEN) });
    const atStart = await seen();
    const logStart = await p.db.outboundCall.aggregate({ _max: { seq: true } });

    // Four callers, each clearing the token cache first so every call signs a fresh grant. Each counts
    // what it started and how it ended.
    const outcome = { started: 0, ok: 0, failed: [] as string[] };
    let running = true;
    const caller = async () => {
      while (running) {
        p.m.tokens.clearTokenCache(environment.id);
        outcome.started += 1;
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
      await until(() => outcome.ok >= target || outcome.failed.length > 0, `${calls} more calls`);
    };
    let newKid = "";
    try {
      await settle(10);
      // 1. Add the next key: it waits, signing nothing.
      const generated = await p.m.keys.generateSigningKey(admin, { bits: 3072 });
      expect(generated.state).toBe("next");
      newKid = generated.kid;
      const newKey = await p.db.signingKey.findUniqueOrThrow({ where: { kid: newKid } });
      await settle(10);
      // Not registered yet: activating is refused, and verifying explains why.
      await expectAppError(rotation.activateSigningKey(admin, newKey.id), "key_unverified", 409);
      const unregistered = await expectAppError(rotation.verifySigningKey(admin, newKey.id), "key_not_registered", 409);
      expect(unregistered.userMessage.en).toContain(`does not know key ${newKid} for client ${environment.clientId}`);
      // 2. Register through Digdir's API (the emulator's /clients/{id}/jwks), which also verifies it.
      await rotation.registerKeyAtDigdir(admin, newKey.id);
      expect((await kidsAtMaskinporten(p, environment.clientId)).sort()).toEqual([firstKid, newKid].sort());
      await settle(10);
      // 3. Activate: the new key signs, the old one is retiring but still registered.
      const activated = await rotation.activateSigningKey(admin, newKey.id);
      expect(activated).toEqual({ kid: newKid, previous: firstKid });
      await settle(20);
      // 4. Retire the old key: it leaves Digdir.
      const retired = await rotation.retireSigningKey(admin, oldKey.id);
      expect(retired).toEqual({ kid: firstKid, removedAtDigdir: true });
      expect(await kidsAtMaskinporten(p, environment.clientId)).toEqual([newKid]);
      await settle(20);
    } finally {
      running = false;
      await load;
    }
    // Every call the four callers started came back 200: none failed, none was lost.
    expect(outcome.failed, outcome.failed.join("\n")).toEqual([]);
    expect(outcome.ok).toBe(outcome.started);
    expect(outcome.ok).toBeGreaterThanOrEqual(70);
    // The emulator answered exactly those calls, all 200, and the environment's call log holds each one.
    const atEnd = await seen();
    const delta = (end: Record<string, number>, start: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(end)
          .map(([status, n]) => [status, n - (start[status] ?? 0)] as const)
          .filter(([, n]) => n > 0),
      );
    expect(delta(atEnd.list, atStart.list)).toEqual({ "200": outcome.ok });
    const logged = await p.db.outboundCall.groupBy({
      by: ["service", "path", "status"],
      where: { environmentId: environment.id, seq: { gt: logStart._max.seq ?? 0n } },
      _count: { _all: true },
    });
    const byCall = Object.fromEntries(logged.map((l) => [`${l.service} ${l.path} ${l.status}`, l._count._all]));
    expect(byCall["altinn /authentication/api/v1/systemregister/vendor 200"]).toBe(outcome.ok);
    expect(Object.keys(byCall).filter((k) => k.startsWith("altinn ")).length).toBe(1);
    // Grants: one per Altinn call at most (a grant in flight may serve two callers), plus the rotation's
    // own; the only refused grant is the verification of the key before it was registered (MP-100).
    const grants = delta(atEnd.token, atStart.token);
    expect(grants).toEqual({ "200": byCall["maskinporten /token 200"], "400": 1 });
    expect(byCall["maskinporten /token 400"]).toBe(1);

    const [oldAfter, newAfter] = await Promise.all([
      p.db.signingKey.findUniqueOrThrow({ where: { id: oldKey.id } }),
      p.db.signingKey.findUniqueOrThrow({ where: { kid: (await p.m.keys.loadSigner(environment.id)).kid } }),
    ]);
    expect(newAfter.kid).toBe(newKid);
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
      requestToken(cfg, environment.scopes, await loadKeySigner(environment.id, oldKey.id)),
      "MP-100",
      400,
    );

    const actions = await p.db.auditEvent.findMany({
      where: {
        targetType: "signing_key",
        targetId: { in: [newKid, firstKid] },
        action: { in: ["key.verify", "key.register", "key.activate", "key.retire"] },
      },
      orderBy: { seq: "asc" },
      select: { action: true, outcome: true, targetId: true },
    });
    expect(actions).toEqual([
      { action: "key.verify", outcome: "failure", targetId: newKid },
      { action: "key.register", outcome: "success", targetId: newKid },
      { action: "key.verify", outcome: "success", targetId: newKid },
      { action: "key.activate", outcome: "success", targetId: newKid },
      { action: "key.retire", outcome: "success", targetId: firstKid },
    ]);
    // The JWKS offered for Digdir now holds the new key only.
    expect((await p.m.keys.registrableJwks(environment.id)).keys.map((k) => k.kid)).toEqual([newKid]);
  });
}
