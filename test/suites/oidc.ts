import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { expectAppError } from "../helpers";

// Single sign-on (F2, ADR 017): what signInWithOidc does with the database. The rules themselves are
// unit-tested in lib/users/identity-rules.test.ts; the browser flow against the emulator's ID-porten is
// security/oidc.check.ts.

const ISSUER = "https://idp.oidc-suite.example/";
const tag = () => randomBytes(4).toString("hex");
const claims = (over: Record<string, unknown> = {}) => ({ iss: ISSUER, sub: `sub-${tag()}`, ...over });
const none = { defaultRole: undefined };

async function localUser(ref: PortalRef, over: { linkAllowed?: boolean } = {}) {
  const p = ref();
  const email = `oidc-${tag()}@vendor.test`;
  const { user } = await p.m.users.createUserWithOneTimePassword(
    { email, name: `OIDC ${email}`, role: "operator" },
    { type: "system", label: "test" },
  );
  if (over.linkAllowed) await p.m.identities.allowOidcLink(p.actors.admin, email);
  return user;
}

async function lastAudit(ref: PortalRef, action: string, targetId?: string) {
  return ref().db.auditEvent.findFirst({
    where: { action, ...(targetId ? { targetId } : {}) },
    orderBy: { seq: "desc" },
    select: { outcome: true, detail: true, targetId: true, actorLabel: true },
  });
}

export function oidcTests(ref: PortalRef) {
  it("refuses an unknown identity without a default role, audits why and creates nothing", async () => {
    const p = ref();
    const c = claims({ email: `stranger-${tag()}@vendor.test`, email_verified: true });
    const users = await p.db.user.count();
    expect(await p.m.identities.signInWithOidc(c, none)).toEqual({ ok: false });
    expect(await p.db.user.count()).toBe(users);
    expect(await p.db.userIdentity.count({ where: { subject: c.sub } })).toBe(0);
    const audit = await p.db.auditEvent.findFirst({
      where: { action: "auth.signin.failure", detail: { path: ["subject"], equals: c.sub } },
      select: { outcome: true, detail: true, actorLabel: true },
    });
    expect(audit).toMatchObject({
      outcome: "failure",
      actorLabel: "oidc",
      detail: { reason: "no_account", method: "oidc" },
    });
  });

  it("does not link by e-mail unless verified (a JSON true) and allowed; refusals keep the flag", async () => {
    const p = ref();
    const user = await localUser(ref);
    const sub = `sub-${tag()}`;
    expect(await p.m.identities.signInWithOidc(claims({ sub, email: user.email, email_verified: true }), none)).toEqual(
      {
        ok: false,
      },
    );
    expect(await lastAudit(ref, "auth.signin.failure", user.id)).toMatchObject({
      detail: { reason: "link_not_allowed" },
    });
    await p.m.identities.allowOidcLink(p.actors.admin, user.email);
    for (const email_verified of [false, "true", undefined]) {
      const result = await p.m.identities.signInWithOidc(claims({ sub, email: user.email, email_verified }), none);
      expect(result).toEqual({ ok: false });
      expect(await lastAudit(ref, "auth.signin.failure", user.id)).toMatchObject({
        detail: { reason: "email_unverified" },
      });
    }
    expect(await p.db.userIdentity.count({ where: { userId: user.id } })).toBe(0);
    expect(await p.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ oidcLinkAllowed: true });
  });

  it("links once with a verified e-mail, then signs in by issuer+subject alone", async () => {
    const p = ref();
    const user = await localUser(ref, { linkAllowed: true });
    const sub = `sub-${tag()}`;
    const first = await p.m.identities.signInWithOidc(
      claims({ sub, email: user.email.toUpperCase(), email_verified: true }),
      none,
    );
    expect(first).toMatchObject({ ok: true, user: { id: user.id, email: user.email } });
    const row = await p.db.user.findUniqueOrThrow({ where: { id: user.id } });
    // One-shot, and the unused one-time password is void (the person now signs in through the provider).
    expect(row).toMatchObject({ oidcLinkAllowed: false, passwordHash: null, mustChangePassword: false });
    expect(await lastAudit(ref, "user.identity.link", user.id)).toMatchObject({
      outcome: "success",
      detail: { issuer: ISSUER, subject: sub, oneTimePasswordVoided: true },
    });
    const identity = await p.db.userIdentity.findUniqueOrThrow({
      where: { issuer_subject: { issuer: ISSUER, subject: sub } },
    });

    await p.db.user.update({ where: { id: user.id }, data: { email: `moved-${tag()}@vendor.test` } });
    const again = await p.m.identities.signInWithOidc(claims({ sub, email: "someone@else.test" }), none);
    expect(again).toMatchObject({ ok: true, user: { id: user.id } });
    const used = await p.db.userIdentity.findUniqueOrThrow({ where: { id: identity.id } });
    expect(used.lastUsedAt.getTime()).toBeGreaterThan(identity.lastUsedAt.getTime());
    // The same subject at another issuer is another identity; a second identity cannot reuse the spent flag.
    const moved = await p.db.user.findUniqueOrThrow({ where: { id: user.id } });
    const elsewhere = { iss: "https://other-idp.example/", sub, email: moved.email, email_verified: true };
    expect(await p.m.identities.signInWithOidc(elsewhere, none)).toEqual({ ok: false });
    expect(await p.db.userIdentity.count({ where: { userId: user.id } })).toBe(1);
  });

  it("binds an identity once when its first two sign-ins race", async () => {
    const p = ref();
    const user = await localUser(ref, { linkAllowed: true });
    const c = claims({ email: user.email, email_verified: true });
    const results = await Promise.all([p.m.identities.signInWithOidc(c, none), p.m.identities.signInWithOidc(c, none)]);
    expect(results).toEqual([
      expect.objectContaining({ ok: true, user: expect.objectContaining({ id: user.id }) }),
      expect.objectContaining({ ok: true, user: expect.objectContaining({ id: user.id }) }),
    ]);
    expect(await p.db.userIdentity.count({ where: { userId: user.id } })).toBe(1);
    expect(await p.db.auditEvent.count({ where: { action: "user.identity.link", targetId: user.id } })).toBe(1);
  });

  it("refuses a disabled user, bound or about to be linked", async () => {
    const p = ref();
    const bound = await localUser(ref, { linkAllowed: true });
    const c = claims({ email: bound.email, email_verified: true });
    expect(await p.m.identities.signInWithOidc(c, none)).toMatchObject({ ok: true });
    const waiting = await localUser(ref, { linkAllowed: true });
    await p.db.user.updateMany({ where: { id: { in: [bound.id, waiting.id] } }, data: { disabled: true } });
    expect(await p.m.identities.signInWithOidc(c, none)).toEqual({ ok: false });
    expect(await lastAudit(ref, "auth.signin.failure", bound.id)).toMatchObject({
      detail: { reason: "user_disabled" },
    });
    const w = claims({ email: waiting.email, email_verified: true });
    expect(await p.m.identities.signInWithOidc(w, none)).toEqual({ ok: false });
    expect(await lastAudit(ref, "auth.signin.failure", waiting.id)).toMatchObject({
      detail: { reason: "user_disabled" },
    });
  });

  it("provisions with the default role, bound by issuer+subject; never without an e-mail or over another's", async () => {
    const p = ref();
    const auditor = { defaultRole: "auditor" as const };
    const email = `new-${tag()}@vendor.test`;
    const c = claims({ email, email_verified: false, name: "Ny Bruker" });
    const made = await p.m.identities.signInWithOidc(c, auditor);
    expect(made).toMatchObject({ ok: true, user: { email, name: "Ny Bruker" } });
    if (!made.ok) throw new Error("not provisioned");
    expect(await p.db.user.findUniqueOrThrow({ where: { id: made.user.id } })).toMatchObject({
      role: "auditor",
      passwordHash: null,
    });
    expect(await lastAudit(ref, "user.provision", made.user.id)).toMatchObject({
      detail: { role: "auditor", subject: c.sub, emailVerified: false },
    });
    expect(await p.m.identities.signInWithOidc({ ...c, email: "changed@vendor.test" }, auditor)).toMatchObject({
      ok: true,
      user: { id: made.user.id },
    });
    expect(await p.m.identities.signInWithOidc(claims(), auditor)).toEqual({ ok: false });
    expect(await lastAudit(ref, "auth.signin.failure")).toMatchObject({ detail: { reason: "no_email" } });
    const existing = await localUser(ref);
    expect(await p.m.identities.signInWithOidc(claims({ email: existing.email }), auditor)).toEqual({ ok: false });
    expect(await p.db.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("refuses a token without issuer or subject", async () => {
    const p = ref();
    expect(await p.m.identities.signInWithOidc({ email: "x@vendor.test", email_verified: true }, none)).toEqual({
      ok: false,
    });
    expect(await lastAudit(ref, "auth.signin.failure")).toMatchObject({ detail: { reason: "invalid_claims" } });
  });

  it("lets only an admin allow linking, and audits it", async () => {
    const p = ref();
    const user = await localUser(ref);
    await expectAppError(p.m.identities.allowOidcLink(p.actors.operator, user.email), "forbidden", 403);
    await expectAppError(
      p.m.identities.allowOidcLink(p.actors.admin, `missing-${tag()}@vendor.test`),
      "user_not_found",
      404,
    );
    await p.m.identities.allowOidcLink(p.actors.admin, user.email);
    expect(await lastAudit(ref, "user.identity.link.allow", user.id)).toMatchObject({
      outcome: "success",
      actorLabel: p.actors.admin.email,
    });
  });
}
