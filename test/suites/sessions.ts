import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { expectAppError } from "../helpers";
import type { Portal } from "../portal";
import { signInTests } from "./sessions-signin";
import { freshUser } from "./sessions-users";

const NEW_PASSWORD = "correct-horse-battery-staple";

// Modules imported once the portal has set the environment (as every suite's p.m is).
async function modules() {
  return {
    sessions: await import("@/lib/users/sessions"),
    admin: await import("@/lib/users/admin"),
    queries: await import("@/lib/users/queries"),
    signIn: await import("@/lib/users/sign-in"),
  };
}

/** A session as getActor sees it: the user id and the session version its token carries. */
async function session(userId: string) {
  const { sessions } = await modules();
  const version = await sessions.currentSessionVersion(userId);
  return { version, actor: () => sessions.loadSessionActor(userId, version) };
}

const lastAudit = (p: Portal, action: string, targetId: string) =>
  p.db.auditEvent.findFirstOrThrow({ where: { action, targetId }, orderBy: { seq: "desc" } });

export function sessionTests(ref: PortalRef) {
  it("ends a user's sessions at their next request on a password change, role change, disabling and 'sign out everywhere'", async () => {
    const p = ref();
    const { sessions, admin } = await modules();
    const u = await freshUser(p);
    const laptop = await session(u.id);
    const phone = await session(u.id);
    const onLaptop = await laptop.actor();
    expect(onLaptop).toMatchObject({ id: u.id, mustChangePassword: true });

    // The password change ends the phone's session; the laptop goes on with the version it is given.
    const v2 = await p.m.users.changeOwnPassword(onLaptop!, u.password, NEW_PASSWORD);
    expect(v2).toBe(laptop.version + 1);
    expect(await phone.actor()).toBeNull();
    expect(await sessions.loadSessionActor(u.id, v2)).toMatchObject({ mustChangePassword: false });
    // The password itself only as "changed"; the one-time password's state as it was and is.
    expect((await lastAudit(p, "user.password.change", u.id)).detail).toEqual({
      before: { mustChangePassword: true, oneTimePasswordExpiresAt: expect.any(String) },
      after: { password: "changed", mustChangePassword: false, oneTimePasswordExpiresAt: null },
      otherSessionsEnded: true,
    });

    let current = await session(u.id);
    await admin.changeUserRole(p.actors.admin, u.id, "auditor");
    expect(await current.actor()).toBeNull();
    expect(await (await session(u.id)).actor()).toMatchObject({ role: "auditor" });
    expect((await lastAudit(p, "user.role.change", u.id)).detail).toEqual({
      email: u.email,
      before: { role: "operator" },
      after: { role: "auditor" },
      sessionsEnded: true,
    });

    current = await session(u.id);
    await admin.setUserDisabled(p.actors.admin, u.id, true);
    expect(await current.actor()).toBeNull();
    expect(await (await session(u.id)).actor()).toBeNull(); // disabled: no session at all
    await admin.setUserDisabled(p.actors.admin, u.id, false);
    expect((await lastAudit(p, "user.enable", u.id)).detail).toMatchObject({
      before: { disabled: true },
      after: { disabled: false },
    });

    current = await session(u.id);
    await admin.endUserSessions(p.actors.admin, u.id);
    expect(await current.actor()).toBeNull();
    expect((await lastAudit(p, "user.sessions.end", u.id)).detail).toEqual({ email: u.email, by: "admin" });

    current = await session(u.id);
    const self = await current.actor();
    await sessions.endOwnSessions(self!);
    expect(await current.actor()).toBeNull();
    expect((await lastAudit(p, "user.sessions.end", u.id)).detail).toEqual({ by: "self" });

    // A token from before session versions existed carries none: it is no session.
    expect(await sessions.loadSessionActor(u.id, undefined)).toBeNull();
  });

  it("lets a one-time password do nothing but replace it: the data layer refuses the rest", async () => {
    const p = ref();
    const u = await freshUser(p, "admin");
    const onOneTime = await (await session(u.id)).actor();
    const scope = p.scope(onOneTime);
    const { queries } = await modules();
    await expectAppError(p.m.systems.listSystems(scope), "password_change_required", 403);
    await expectAppError(p.m.keys.listKeys(scope), "password_change_required", 403);
    await expectAppError(p.m.keys.generateSigningKey(scope), "password_change_required", 403);
    await expectAppError(p.m.environments.listEnvironments(onOneTime), "password_change_required", 403);
    await expectAppError(p.m.audit.listAuditEvents(onOneTime!), "password_change_required", 403);
    await expectAppError(queries.listUsers(onOneTime), "password_change_required", 403);
    const other = { email: `x-${randomBytes(3).toString("hex")}@vendor.test`, name: "X", role: "operator" as const };
    await expectAppError(p.m.users.createUserWithOneTimePassword(other, onOneTime!), "password_change_required", 403);
    // Their own account is theirs: the password change goes through, and then so does the rest.
    const v = await p.m.users.changeOwnPassword(onOneTime!, u.password, NEW_PASSWORD);
    const after = await (await modules()).sessions.loadSessionActor(u.id, v);
    await expect(p.m.systems.listSystems(p.scope(after))).resolves.toBeInstanceOf(Array);
  });

  it("expires a one-time password 24 hours after it was issued: it no longer signs in nor can be replaced", async () => {
    const p = ref();
    const { signIn, admin } = await modules();
    const u = await freshUser(p);
    const row = await p.db.user.findUniqueOrThrow({ where: { id: u.id } });
    const hours = ((row.oneTimePasswordExpiresAt?.getTime() ?? 0) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const address = `198.51.100.${randomBytes(1)[0]}`;
    expect(await signIn.signInWithPassword(u.email, u.password, address)).toMatchObject({ ok: true });

    const onOneTime = await (await session(u.id)).actor();
    await p.db.user.update({ where: { id: u.id }, data: { oneTimePasswordExpiresAt: new Date(Date.now() - 1000) } });
    expect(await signIn.signInWithPassword(u.email, u.password, address)).toEqual({ ok: false, reason: "expired" });
    expect((await lastAudit(p, "auth.signin.failure", u.id)).detail).toMatchObject({
      email: u.email,
      reason: "expired",
      address,
    });
    // Only the right password learns that it expired.
    expect(await signIn.signInWithPassword(u.email, "not-the-password", address)).toEqual({
      ok: false,
      reason: "bad_password",
    });
    await expectAppError(
      p.m.users.changeOwnPassword(onOneTime!, u.password, NEW_PASSWORD),
      "one_time_password_expired",
      403,
    );

    // An admin issues a new one: it signs in (for 24 h), the old one does not.
    const { password } = await admin.resetUserPassword(p.actors.admin, u.id);
    expect(await signIn.signInWithPassword(u.email, u.password, address)).toMatchObject({ reason: "bad_password" });
    expect(await signIn.signInWithPassword(u.email, password, address)).toMatchObject({ ok: true });
    const reset = await lastAudit(p, "user.password.reset", u.id);
    expect(reset).toMatchObject({ actorId: p.actors.admin.id, outcome: "success" });
    expect(JSON.stringify(reset.detail)).not.toContain(password);
  });

  it("keeps the Users page's changes to admins, audits them, and never leaves the portal without an active admin", async () => {
    const p = ref();
    const { admin, queries } = await modules();
    const u = await freshUser(p);
    const op = p.actors.operator;
    await expectAppError(queries.listUsers(op), "forbidden", 403);
    await expectAppError(admin.changeUserRole(op, u.id, "admin"), "forbidden", 403);
    await expectAppError(admin.setUserDisabled(op, u.id, true), "forbidden", 403);
    await expectAppError(admin.resetUserPassword(op, u.id), "forbidden", 403);
    await expectAppError(admin.endUserSessions(op, u.id), "forbidden", 403);
    await expectAppError(admin.withdrawOidcLink(op, u.id), "forbidden", 403);

    // SSO linking is a setting, not a change of access: withdrawing the permission is audited, sessions kept.
    const { allowOidcLink } = await import("@/lib/users/allow-link");
    await allowOidcLink(p.actors.admin, u.email);
    const kept = await session(u.id);
    expect(await admin.withdrawOidcLink(p.actors.admin, u.id)).toBe(true);
    expect(await kept.actor()).not.toBeNull();
    expect((await lastAudit(p, "user.identity.link.withdraw", u.id)).detail).toMatchObject({
      before: { oidcLinkAllowed: true },
      after: { oidcLinkAllowed: false },
      sessionsEnded: false,
    });
    // Nothing to change: nothing happens and nothing is audited.
    const before = await p.db.auditEvent.count();
    expect(await admin.withdrawOidcLink(p.actors.admin, u.id)).toBe(false);
    expect(await p.db.auditEvent.count()).toBe(before);
    expect((await queries.listUsers(p.actors.admin)).find((r) => r.id === u.id)).toMatchObject({
      email: u.email,
      oidcLinkAllowed: false,
      ssoLinked: false,
      hasPassword: true,
      mustChangePassword: true,
    });

    // The last active admin can neither demote nor disable themself (nor be by anyone else).
    const only = await freshUser(p, "admin");
    const others = await p.db.user.findMany({
      where: { role: "admin", disabled: false, id: { not: only.id } },
      select: { id: true },
    });
    const otherIds = others.map((o) => o.id);
    await p.db.user.updateMany({ where: { id: { in: otherIds } }, data: { disabled: true } });
    try {
      const self = { ...p.actors.admin, id: only.id, email: only.email };
      await expectAppError(admin.changeUserRole(self, only.id, "operator"), "last_admin", 409);
      await expectAppError(admin.setUserDisabled(self, only.id, true), "last_admin", 409);
      expect(await p.db.user.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({
        role: "admin",
        disabled: false,
      });
      // With a second admin it may.
      await admin.setUserDisabled(self, otherIds[0] ?? "", false);
      expect(await admin.changeUserRole(self, only.id, "operator")).toBe(true);
    } finally {
      await p.db.user.updateMany({ where: { id: { in: otherIds } }, data: { disabled: false } });
    }
  });

  signInTests(ref);
}
