import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { EnvironmentView } from "@/lib/environments/types";
import type { PortalRef } from "../flow-suite";
import { editOf } from "../helpers";
import { seedEnvironment, seedSystem } from "../seed";
import { latest, recordsNothing } from "./audit-coverage-helpers";
import { auditUseTests } from "./audit-coverage-use";

// What the audit trail records for each setting an admin (or operator) changes: one event, in the same
// transaction as the change, whose detail holds before and after of exactly the fields that changed; and
// no event at all for a save that changes nothing. Each change goes through the data layer, as the
// actions do. Environment-wide changes happen in an environment of this suite's own.

export function auditCoverageTests(ref: PortalRef) {
  let env: EnvironmentView;
  let firstKid = "";
  beforeAll(async () => {
    ({ environment: env, kid: firstKid } = await seedEnvironment(ref(), "acov"));
  });
  const admin = () => ref().scope(ref().actors.admin, env);

  it("environment settings (allowlist included) and auto-renew: before/after of what changed, no-op silent", async () => {
    const p = ref();
    // The whole form, as the settings page posts it (the emulator's has no URL fields).
    const { name, vendorOrgNo, clientId, scopes, systemUserScopes, confirmUrlHosts } = env;
    const hosts = [...confirmUrlHosts, "am.ui.tt02.altinn.no"];
    const form = { name: "Audit cover", vendorOrgNo, clientId, scopes, systemUserScopes, confirmUrlHosts: hosts };
    const { changed } = await p.m.environments.updateEnvironment(p.actors.admin, env.id, form);
    expect(changed.sort()).toEqual(["confirmUrlHosts", "name"]);
    const update = await latest(p, "environment.update", env.slug);
    expect(update).toMatchObject({ environmentId: env.id, actorId: p.actors.admin.id, outcome: "success" });
    expect(update.detail).toEqual({
      before: { name, confirmUrlHosts },
      after: { name: "Audit cover", confirmUrlHosts: hosts },
    });
    await recordsNothing(p, () => p.m.environments.updateEnvironment(p.actors.admin, env.id, form));

    const { setAutoRenewExpired } = await import("@/lib/environments/auto-renew");
    await setAutoRenewExpired(p.actors.admin, env.id, true);
    expect((await latest(p, "environment.auto_renew", env.id)).detail).toEqual({
      before: { autoRenewExpired: false },
      after: { autoRenewExpired: true },
    });
    await recordsNothing(p, () => setAutoRenewExpired(p.actors.admin, env.id, true));
    expect((await p.m.environments.loadEnvironmentById(env.id)).autoRenewExpired).toBe(true);
  });

  it("system fields and the open-onboarding switch: the system's column is set, a no-op is silent", async () => {
    const p = ref();
    const { updateSystem } = await import("@/lib/systems/edit");
    const { setOpenOnboarding } = await import("@/lib/systems/open-onboarding");
    const system = await seedSystem(p, { prefix: "acov" });
    const row = await p.db.system.findUniqueOrThrow({ where: { id: system.id } });
    await updateSystem(p.scope(p.actors.admin), { ...editOf(row), nameEn: "Payroll v2", isVisible: true });
    const update = await latest(p, "system.update", system.systemId);
    expect(update).toMatchObject({ outcome: "success", systemId: system.systemId, orgNumber: null });
    expect(update.detail).toEqual({
      before: { "name.en": "Payroll sync", isVisible: false },
      after: { "name.en": "Payroll v2", isVisible: true },
    });
    const saved = await p.db.system.findUniqueOrThrow({ where: { id: system.id } });
    await recordsNothing(p, () => updateSystem(p.scope(p.actors.admin), editOf(saved)));

    await setOpenOnboarding(p.scope(p.actors.admin), { id: system.id, enabled: true });
    const open = await latest(p, "system.open_onboarding", system.systemId);
    expect(open).toMatchObject({ systemId: system.systemId, actorId: p.actors.admin.id });
    expect(open.detail).toEqual({ before: { openOnboarding: false }, after: { openOnboarding: true } });
    await recordsNothing(p, () => setOpenOnboarding(p.scope(p.actors.admin), { id: system.id, enabled: true }));
  });

  it("user role, disabling and SSO linking: before/after per change, nothing for a repeat", async () => {
    const p = ref();
    const admin = await import("@/lib/users/admin");
    const { allowOidcLink } = await import("@/lib/users/allow-link");
    const email = `acov-${randomBytes(4).toString("hex")}@vendor.test`;
    const { user } = await p.m.users.createUserWithOneTimePassword(
      { email, name: "Cover", role: "operator" },
      p.actors.admin,
    );
    expect((await latest(p, "user.create", user.id)).detail).toEqual({
      email,
      after: { email, name: "Cover", role: "operator" },
    });
    await admin.changeUserRole(p.actors.admin, user.id, "auditor");
    expect((await latest(p, "user.role.change", user.id)).detail).toEqual({
      email,
      before: { role: "operator" },
      after: { role: "auditor" },
      sessionsEnded: true,
    });
    await recordsNothing(p, () => admin.changeUserRole(p.actors.admin, user.id, "auditor"));
    await admin.setUserDisabled(p.actors.admin, user.id, true);
    expect((await latest(p, "user.disable", user.id)).detail).toEqual({
      email,
      before: { disabled: false },
      after: { disabled: true },
      sessionsEnded: true,
    });
    await allowOidcLink(p.actors.admin, email);
    expect((await latest(p, "user.identity.link.allow", user.id)).detail).toEqual({
      email,
      before: { oidcLinkAllowed: false },
      after: { oidcLinkAllowed: true },
    });
    await recordsNothing(p, () => allowOidcLink(p.actors.admin, email));
  });

  it("webhook endpoints: create, update, disable, secret rotation (never the secret) and delete", async () => {
    const p = ref();
    const w = { ...(await import("@/lib/webhooks/endpoints")), ...(await import("@/lib/webhooks/secrets")) };
    const url = "http://127.0.0.1:9/acov";
    const { id, secret } = await w.createWebhookEndpoint(admin(), { url, events: ["request.created"] });
    expect(await latest(p, "webhook.create", id)).toMatchObject({
      environmentId: env.id,
      detail: { after: { url, description: "", events: ["request.created"], enabled: true } },
    });
    await w.updateWebhookEndpoint(admin(), id, { description: "ERP", events: ["request.created"] });
    expect((await latest(p, "webhook.update", id)).detail).toEqual({
      before: { description: "" },
      after: { description: "ERP" },
    });
    await recordsNothing(p, () => w.updateWebhookEndpoint(admin(), id, { url, description: "ERP", enabled: true }));
    await w.updateWebhookEndpoint(admin(), id, { enabled: false });
    expect((await latest(p, "webhook.update", id)).detail).toEqual({
      before: { enabled: true },
      after: { enabled: false },
    });

    const rotated = await w.rotateWebhookSecret(admin(), id);
    const rotation = await latest(p, "webhook.rotate_secret", id);
    expect(rotation.detail).toEqual({
      before: { previousSecretExpiresAt: null },
      after: { secret: "changed", previousSecretExpiresAt: rotated.previousExpiresAt.toISOString() },
    });
    for (const s of [secret, rotated.secret]) expect(JSON.stringify(rotation.detail)).not.toContain(s);

    await w.deleteWebhookEndpoint(admin(), id);
    expect((await latest(p, "webhook.delete", id)).detail).toEqual({
      before: { url, description: "ERP", events: ["request.created"], enabled: false },
    });
  });

  it("API keys: create and revoke carry before/after, never the secret", async () => {
    const p = ref();
    const { createApiKey, revokeApiKey } = await import("@/lib/apikeys/write");
    const key = await createApiKey(admin(), { name: "acov erp", scopes: ["systems:read"] });
    const created = await latest(p, "apikey.create", key.id);
    expect(created.detail).toEqual({
      after: { name: "acov erp", prefix: key.prefix, scopes: ["systems:read"], rateLimit: 600, expiresAt: null },
      expiresInDays: null,
    });
    expect(JSON.stringify(created.detail)).not.toContain(key.secret);
    await revokeApiKey(admin(), key.id);
    const row = await p.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect((await latest(p, "apikey.revoke", key.id)).detail).toEqual({
      prefix: key.prefix,
      before: { revokedAt: null },
      after: { revokedAt: row.revokedAt?.toISOString() },
    });
    await recordsNothing(p, () => revokeApiKey(admin(), key.id));
  });

  auditUseTests(ref, () => env);

  // Last: it moves the suite's environment to a new key (which is registered, so nothing else minds).
  it("signing key states: generate, verify, activate (the old key retiring) and retire", async () => {
    const p = ref();
    const rotation = await import("@/lib/keys/rotation");
    const { kid } = await p.m.keys.generateSigningKey(admin());
    const next = await p.db.signingKey.findUniqueOrThrow({ where: { kid } });
    expect((await latest(p, "key.generate", kid)).detail).toEqual({
      after: { state: "next", bits: 2048, expiresAt: next.expiresAt.toISOString() },
    });
    await rotation.registerKeyAtDigdir(admin(), next.id);
    const verified = await p.db.signingKey.findUniqueOrThrow({ where: { kid } });
    expect((await latest(p, "key.verify", kid)).detail).toEqual({
      before: { verifiedAt: null },
      after: { verifiedAt: verified.verifiedAt?.toISOString() },
    });
    await rotation.activateSigningKey(admin(), next.id);
    const active = await p.db.signingKey.findUniqueOrThrow({ where: { kid } });
    expect((await latest(p, "key.activate", kid)).detail).toEqual({
      before: { state: "next", activatedAt: null },
      after: { state: "active", activatedAt: active.activatedAt?.toISOString() },
      previous: { kid: firstKid, before: { state: "active" }, after: { state: "retiring" } },
    });
    const old = await p.db.signingKey.findUniqueOrThrow({ where: { kid: firstKid } });
    await rotation.retireSigningKey(admin(), old.id);
    const retired = await p.db.signingKey.findUniqueOrThrow({ where: { kid: firstKid } });
    expect((await latest(p, "key.retire", firstKid)).detail).toEqual({
      before: { state: "retiring", retiredAt: null },
      after: { state: "retired", retiredAt: retired.retiredAt?.toISOString() },
      removedAtDigdir: true,
    });
  });
}
