import "server-only";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { recordAudit } from "@/lib/audit/record";
import { createUserWithOneTimePassword } from "@/lib/users/accounts";
import { LOCAL_ENVIRONMENT, LOCAL_IDPORTEN_CLIENT_ID } from "@/lib/environments/local";
import { registrableJwks } from "@/lib/keys/queries";

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
  };
  const existing = await db.environment.findUnique({
    where: { slug: LOCAL_ENVIRONMENT.slug },
    select: { id: true, altinnBaseUrl: true, confirmUrlHosts: true },
  });
  if (existing) {
    // The allowlist is an admin's to edit: keep it, only moving the emulator's own host along.
    const previous = URL.canParse(existing.altinnBaseUrl) ? new URL(existing.altinnBaseUrl).host : null;
    const hosts = existing.confirmUrlHosts.map((h) => (h === previous ? (urls.confirmUrlHosts[0] ?? h) : h));
    await db.environment.update({
      where: { id: existing.id },
      data: { ...urls, confirmUrlHosts: hosts.length ? [...new Set(hosts)] : urls.confirmUrlHosts },
    });
    return existing.id;
  }
  const created = await db.environment.create({
    data: { ...LOCAL_ENVIRONMENT, kind: "emulator", ...urls },
    select: { id: true },
  });
  await recordAudit({
    actor: { type: "system", label: "bootstrap" },
    action: "environment.create",
    target: { type: "environment", id: LOCAL_ENVIRONMENT.slug },
    outcome: "success",
    environmentId: created.id,
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
