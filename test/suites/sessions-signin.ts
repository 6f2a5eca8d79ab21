import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { freshUser } from "./sessions-users";

// Each test signs in from addresses of its own (TEST-NET-2), so no two share a throttle window.
const newAddress = () => `198.51.100.${randomBytes(1)[0]}-${randomBytes(3).toString("hex")}`;

const signInModule = () => import("@/lib/users/sign-in");

export function signInTests(ref: PortalRef) {
  it("locks an account after 5 failed sign-ins for the rest of the window, the right password included; audited without it", async () => {
    const p = ref();
    const { signInWithPassword } = await signInModule();
    const u = await freshUser(p);
    const other = await freshUser(p);
    const address = newAddress();
    for (let i = 0; i < 5; i++)
      expect(await signInWithPassword(u.email, `wrong-${i}`, address)).toEqual({ ok: false, reason: "bad_password" });
    const locked = await signInWithPassword(u.email, u.password, address);
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(locked.ok ? 0 : (locked.retryAfterS ?? 0)).toBeGreaterThan(14 * 60);
    // Another account from the same address is not affected.
    expect(await signInWithPassword(other.email, other.password, address)).toMatchObject({ ok: true });

    const failures = await p.db.auditEvent.findMany({
      where: { action: "auth.signin.failure", detail: { path: ["email"], equals: u.email } },
      orderBy: { seq: "asc" },
    });
    expect(failures.map((f) => (f.detail as { reason: string }).reason)).toEqual([
      ...Array(5).fill("bad_password"),
      "rate_limited",
    ]);
    expect(failures.every((f) => f.targetId === u.id || f.targetId === null)).toBe(true);
    expect(JSON.stringify(failures.map((f) => f.detail))).not.toContain(u.password);
    expect(JSON.stringify(failures.map((f) => f.detail))).not.toContain("wrong-");

    // Refused attempts are audited once per window, not once each.
    await signInWithPassword(u.email, u.password, address);
    expect(
      await p.db.auditEvent.count({
        where: { action: "auth.signin.failure", detail: { path: ["email"], equals: u.email } },
      }),
    ).toBe(6);
  });

  it("throttles an unknown e-mail exactly like a known one (no account enumeration)", async () => {
    ref();
    const { signInWithPassword } = await signInModule();
    const address = newAddress();
    const email = `nobody-${randomBytes(4).toString("hex")}@vendor.test`;
    for (let i = 0; i < 5; i++)
      expect(await signInWithPassword(email, "guess", address)).toEqual({ ok: false, reason: "unknown" });
    expect(await signInWithPassword(email, "guess", address)).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("clears an account's count on a successful sign-in and on an admin's password reset", async () => {
    const p = ref();
    const { signInWithPassword } = await signInModule();
    const { resetUserPassword } = await import("@/lib/users/admin");
    const u = await freshUser(p);
    const address = newAddress();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) await signInWithPassword(u.email, "wrong", address);
      expect(await signInWithPassword(u.email, u.password, address)).toMatchObject({ ok: true });
    }
    for (let i = 0; i < 6; i++) await signInWithPassword(u.email, "wrong", address);
    expect(await signInWithPassword(u.email, u.password, address)).toMatchObject({ reason: "rate_limited" });
    const { password } = await resetUserPassword(p.actors.admin, u.id);
    expect(await signInWithPassword(u.email, password, address)).toMatchObject({ ok: true });
  });

  it("refuses every account from an address after 30 failures there; successes from it do not count", async () => {
    const p = ref();
    const { signInWithPassword } = await signInModule();
    const address = newAddress();
    const known = await freshUser(p);
    const fresh = await freshUser(p);
    // Successes first: they do not use up the address's failures.
    for (let i = 0; i < 3; i++)
      expect(await signInWithPassword(known.email, known.password, address)).toMatchObject({ ok: true });
    // 30 failures spread over accounts (none reaches its own limit of 5).
    for (let i = 0; i < 30; i++) {
      const email = `spray-${i % 10}-${address}@vendor.test`;
      expect(await signInWithPassword(email, "Summer2024!", address)).toMatchObject({ reason: "unknown" });
    }
    expect(await signInWithPassword(fresh.email, fresh.password, address)).toMatchObject({ reason: "rate_limited" });
    // From elsewhere the same account signs in.
    expect(await signInWithPassword(fresh.email, fresh.password, newAddress())).toMatchObject({ ok: true });
  });

  it("records a successful sign-in (any provider) as the last sign-in, audited with the provider", async () => {
    const p = ref();
    const { recordSignIn, recordSignOut } = await signInModule();
    const u = await freshUser(p);
    await recordSignIn(u.id, "credentials", "203.0.113.9");
    await recordSignOut(u.id, u.email);
    const row = await p.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(Date.now() - (row.lastSignInAt?.getTime() ?? 0)).toBeLessThan(60_000);
    const events = await p.db.auditEvent.findMany({ where: { targetId: u.id }, orderBy: { seq: "asc" } });
    expect(events.slice(-2).map((e) => [e.action, e.actorId, e.detail])).toEqual([
      ["auth.signin.success", u.id, { provider: "credentials", address: "203.0.113.9" }],
      ["auth.signout", u.id, null],
    ]);
  });
}
