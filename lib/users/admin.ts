import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { changedFields } from "@/lib/core/changes";
import { db } from "@/lib/core/db";
import { AppError, notFound } from "@/lib/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { generateOneTimePassword, hashPassword, oneTimePasswordExpiry, passwordChange } from "@/lib/users/password";
import { endSessions } from "@/lib/users/sessions";
import { clearAccountLimit } from "@/lib/users/sign-in-limits";

// An admin's changes to other people's accounts (the Users page). Each is one transaction with its audit
// event (before and after), and each that changes what a person may do ends that person's sessions.

type Tx = Prisma.TransactionClient;
type Settings = { role: RoleName; disabled: boolean; oidcLinkAllowed: boolean };

// Serialises changes to accounts, so two admins demoting each other cannot both pass the last-admin check.
const USERS_LOCK = 7_270_016;

export const lastAdmin = () =>
  new AppError(
    "last_admin",
    {
      nb: "Portalen må ha minst én aktiv administrator. Gjør en annen bruker til administrator først.",
      en: "The portal must keep at least one active administrator. Make another user an administrator first.",
    },
    409,
  );

async function lockedUser(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${USERS_LOCK})::text`;
  const user = await tx.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      role: true,
      disabled: true,
      oidcLinkAllowed: true,
      mustChangePassword: true,
      oneTimePasswordExpiresAt: true,
    },
  });
  if (!user) throw notFound({ nb: "brukeren", en: "The user" });
  return user;
}

/**
 * Changes some of role, disabled and SSO linking. Nothing happens (nor is audited) when nothing would
 * change. Refuses to leave the portal without an active admin. `endsSessions` for changes to what the
 * person may do (role, disabling), so no session goes on with the old answer.
 */
async function changeSettings(
  actor: Actor | null,
  id: string,
  change: Partial<Settings>,
  audit: { action: string; endsSessions: boolean },
): Promise<boolean> {
  assertCan(actor, "users.manage");
  return db.$transaction(async (tx) => {
    const before = await lockedUser(tx, id);
    const after = { role: before.role, disabled: before.disabled, oidcLinkAllowed: before.oidcLinkAllowed, ...change };
    const changes = changedFields(before, after, Object.keys(change));
    if (!changes) return false;
    const wasAdmin = before.role === "admin" && !before.disabled;
    if (wasAdmin && (after.role !== "admin" || after.disabled)) {
      const others = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: id } } });
      if (others === 0) throw lastAdmin();
    }
    await tx.user.update({ where: { id }, data: after });
    if (audit.endsSessions) await endSessions(tx, id);
    await recordAudit(
      {
        actor: auditActor(actor),
        action: audit.action,
        target: { type: "user", id },
        outcome: "success",
        detail: {
          email: before.email,
          ...changes,
          sessionsEnded: audit.endsSessions,
        },
      },
      tx,
    );
    return true;
  });
}

export const changeUserRole = (actor: Actor | null, id: string, role: RoleName) =>
  changeSettings(actor, id, { role }, { action: "user.role.change", endsSessions: true });

export const setUserDisabled = (actor: Actor | null, id: string, disabled: boolean) =>
  changeSettings(actor, id, { disabled }, { action: disabled ? "user.disable" : "user.enable", endsSessions: true });

/**
 * Takes back an admin's permission to link the next single sign-on (allowOidcLink in allow-link.ts gives it;
 * a link that happened already stays). A setting, not a change of access: sessions are kept.
 */
export const withdrawOidcLink = (actor: Actor | null, id: string) =>
  changeSettings(actor, id, { oidcLinkAllowed: false }, { action: "user.identity.link.withdraw", endsSessions: false });

/** "Sign out all sessions" for someone else (or oneself): nothing else about the account changes. */
export async function endUserSessions(actor: Actor | null, id: string): Promise<void> {
  assertCan(actor, "users.manage");
  await db.$transaction(async (tx) => {
    const user = await lockedUser(tx, id);
    await endSessions(tx, id);
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "user.sessions.end",
        target: { type: "user", id },
        outcome: "success",
        detail: { email: user.email, by: "admin" },
      },
      tx,
    );
  });
}

/**
 * A new one-time password (24 h) for someone who lost theirs: the old password stops working, every
 * session ends, and the sign-in throttle for the account starts afresh. The password is returned once.
 */
export async function resetUserPassword(
  actor: Actor | null,
  id: string,
): Promise<{ password: string; expiresAt: Date }> {
  assertCan(actor, "users.manage");
  const password = generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const expiresAt = oneTimePasswordExpiry();
  const email = await db.$transaction(async (tx) => {
    const user = await lockedUser(tx, id);
    const after = { mustChangePassword: true, oneTimePasswordExpiresAt: expiresAt };
    await tx.user.update({ where: { id }, data: { passwordHash, ...after } });
    await endSessions(tx, id);
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "user.password.reset",
        target: { type: "user", id },
        outcome: "success",
        detail: { email: user.email, ...passwordChange(user, after), sessionsEnded: true },
      },
      tx,
    );
    return user.email;
  });
  await clearAccountLimit(email);
  return { password, expiresAt };
}
