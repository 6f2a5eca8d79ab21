import "server-only";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { changedFields, createdFields } from "@/lib/core/changes";
import { createUserWithOneTimePassword } from "@/lib/users/accounts";
import { LOCAL_ENVIRONMENT, LOCAL_IDPORTEN_CLIENT_ID } from "@/lib/environments/local";
import { registrableJwks } from "@/lib/keys/queries";
import { ensureLocalMailSettings } from "@/lib/mail/local";

const BOOTSTRAP: AuditActor = { type: "system", label: "bootstrap" };

/**
 * The "Local emulator" environment exists from the first start. Its URLs follow EMULATOR_URL, so
 * moving the emulator to another port moves the environment with it.
 */
export async function ensureLocalEnvironment() {
  const base = env().EMULATOR_URL.replace(/\/$/, "");
  const urls = {
    maskinportenIssuer: `${base}/`,
    maskinportenTokenUrl: `${base}/token`,
    altinnBaseUrl: base,
    confirmUrlHosts: [new URL(base).host],
    digdirApiUrl: base,
    serviceOwnerTestUrl: `${base}/serviceowner/api/v1/skattegrunnlag/{orgNo}`,
    idportenIssuer: `${base}/idporten/`,
    idportenClientId: LOCAL_IDPORTEN_CLIENT_ID,
    // The emulator serves the Entity Register's path from its organisation register.
    entityRegisterUrl: base,
  };
  const existing = await db.environment.findUnique({
    where: { slug: LOCAL_ENVIRONMENT.slug },
    select: {
      id: true,
      maskinportenIssuer: true,
      maskinportenTokenUrl: true,
      altinnBaseUrl: true,
      confirmUrlHosts: true,
      digdirApiUrl: true,
      serviceOwnerTestUrl: true,
      idportenIssuer: true,
      idportenClientId: true,
      entityRegisterUrl: true,
    } satisfies Record<keyof typeof urls | "id", true>,
  });
  if (existing) {
    await ensureLocalMailSettings(existing.id, base);
    // The allowlist is an admin's to edit: keep it, only moving the emulator's own host along.
    const previous = URL.canParse(existing.altinnBaseUrl) ? new URL(existing.altinnBaseUrl).host : null;
    const hosts = existing.confirmUrlHosts.map((h) => (h === previous ? (urls.confirmUrlHosts[0] ?? h) : h));
    const next = { ...urls, confirmUrlHosts: hosts.length ? [...new Set(hosts)] : urls.confirmUrlHosts };
    // A restart on another port moves the URLs and the allowlist: a settings change like an admin's.
    const changes = changedFields(existing, next);
    if (!changes) return existing.id;
    await db.$transaction(async (tx) => {
      await tx.environment.update({ where: { id: existing.id }, data: next });
      await recordAudit(
        {
          actor: BOOTSTRAP,
          action: "environment.update",
          target: { type: "environment", id: LOCAL_ENVIRONMENT.slug },
          outcome: "success",
          environmentId: existing.id,
          detail: changes,
        },
        tx,
      );
    });
    return existing.id;
  }
  const created = await db.environment.create({
    data: { ...LOCAL_ENVIRONMENT, kind: "emulator", ...urls },
    select: { id: true },
  });
  await ensureLocalMailSettings(created.id, base);
  await recordAudit({
    actor: BOOTSTRAP,
    action: "environment.create",
    target: { type: "environment", id: LOCAL_ENVIRONMENT.slug },
    outcome: "success",
    environmentId: created.id,
    detail: { kind: "emulator", ...createdFields({ ...LOCAL_ENVIRONMENT, ...urls }) },
  });
  return created.id;
}

/** First start only: one admin with a one-time password, printed once and never stored in clear. */
export async function ensureFirstAdmin(email: string) {
  if ((await db.user.count()) > 0) return null;
  // PORTAL_BOOTSTRAP_ADMIN_PASSWORD lets automation (CI, e2e) know the first password; it is still one-time.
  const password = process.env.PORTAL_BOOTSTRAP_ADMIN_PASSWORD;
  return createUserWithOneTimePassword(
    { email, name: "Administrator", role: "admin", password },
    { type: "system", label: "bootstrap" },
  );
}

/** The local emulator's client is kept in step with the portal's keys on every start. */
export const publicJwksFor = (environmentId: string) => registrableJwks(environmentId);
