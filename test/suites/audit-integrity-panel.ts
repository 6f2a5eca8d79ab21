import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { recordsNothing } from "./audit-coverage-helpers";

// The audit page's integrity panel through the data layer, as its actions call it: the full check on
// demand (on record, its result kept, one run at a time) and retention (admins only, in range).
export function auditIntegrityPanelTests(ref: PortalRef) {
  const m = async () => ({
    integrity: await import("@/lib/audit/integrity"),
    verifyAll: await import("@/lib/audit/verify-all"),
    setting: await import("@/lib/audit/retention-setting"),
    signing: await import("@/lib/audit/signing"),
  });
  const LEASE = "audit.fullVerificationRunning";

  it("shows the key, the last full check and retention to auditors, and nothing to operators", async () => {
    const { integrity, signing } = await m();
    const p = ref();
    const overview = await integrity.auditIntegrityOverview(p.actors.auditor);
    const jwk = await signing.auditPublicJwk();
    expect(overview.key).toEqual({ kid: jwk.kid, alg: "EdDSA", crv: "Ed25519" });
    expect(overview).toHaveProperty("lastFull");
    expect(overview).toHaveProperty("retentionDays");
    await expect(integrity.auditIntegrityOverview(p.actors.operator)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("verifies everything on demand: on record as audit.verify, its result kept for the page", async () => {
    const { integrity, verifyAll } = await m();
    const p = ref();
    const result = await integrity.verifyAuditNow(p.actors.auditor);
    expect(result.checked).toBeGreaterThan(0);
    const event = await p.db.auditEvent.findFirstOrThrow({
      where: { action: "audit.verify" },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({
      actorId: p.actors.auditor.id,
      environmentId: null,
      outcome: result.ok ? "success" : "failure",
      targetType: "audit_log",
    });
    expect(event.detail).toMatchObject({ checked: result.checked });
    expect(await verifyAll.lastFullVerification()).toMatchObject({ ...result, at: expect.any(String) });
    // The lease is gone after the run; operators may not run it.
    expect(await p.db.setting.findUnique({ where: { key: LEASE } })).toBeNull();
    await expect(integrity.verifyAuditNow(p.actors.operator)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("runs one full check at a time, and a lease left by a run that died expires", async () => {
    const { integrity } = await m();
    const p = ref();
    const both = await Promise.allSettled([
      integrity.verifyAuditNow(p.actors.auditor),
      integrity.verifyAuditNow(p.actors.admin),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = both.find((r) => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "audit_verification_running", status: 409 });

    // A run in progress elsewhere (a fresh lease): refused, nothing recorded.
    await p.db.setting.create({ data: { key: LEASE, value: { token: "elsewhere" } } });
    try {
      await recordsNothing(p, () =>
        expect(integrity.verifyAuditNow(p.actors.auditor)).rejects.toMatchObject({
          code: "audit_verification_running",
        }),
      );
      // The same lease, from a run that died an hour ago: taken over.
      await p.db.$executeRaw`UPDATE settings SET "updatedAt" = now() - interval '1 hour' WHERE key = ${LEASE}`;
      expect((await integrity.verifyAuditNow(p.actors.auditor)).checked).toBeGreaterThan(0);
      expect(await p.db.setting.findUnique({ where: { key: LEASE } })).toBeNull();
    } finally {
      await p.db.setting.deleteMany({ where: { key: LEASE } });
    }
  });

  it("lets admins set retention, not auditors, and refuses a period out of range with no change", async () => {
    const { setting } = await m();
    const p = ref();
    const changes = () =>
      p.db.auditEvent.count({ where: { action: "settings.update", targetId: "audit.retentionDays" } });
    try {
      await expect(setting.setRetentionDays(p.actors.auditor, 400)).rejects.toMatchObject({ code: "forbidden" });
      expect(await setting.getRetentionDays()).toBeNull();
      const before = await changes();
      await setting.setRetentionDays(p.actors.admin, 400);
      expect(await setting.getRetentionDays()).toBe(400);
      expect(await changes()).toBe(before + 1);
      for (const bad of [10, 36_501, 45.5])
        await recordsNothing(p, () => expect(setting.setRetentionDays(p.actors.admin, bad)).rejects.toThrow());
      expect(await setting.getRetentionDays()).toBe(400);
    } finally {
      await setting.setRetentionDays(p.actors.admin, null);
    }
    expect(await setting.getRetentionDays()).toBeNull();
  });
}
