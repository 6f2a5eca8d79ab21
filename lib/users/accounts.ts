import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { db } from "@/lib/core/db";
import {
  generateOneTimePassword,
  hashPassword,
  oneTimePasswordExpiry,
  passwordChange,
  verifyPassword,
} from "@/lib/users/password";
import { endSessions } from "@/lib/users/sessions";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { createdFields } from "@/lib/core/changes";
import { AppError } from "@/lib/core/errors";

/** Creates a local account with a one-time password that must be changed at first sign-in. */
export async function createUserWithOneTimePassword(
  input: { email: string; name: string; role: RoleName; password?: string },
  by: { type: "system"; label: string } | Actor,
) {
  if ("role" in by) assertCan(by, "users.manage");
  const email = input.email.trim().toLowerCase();
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("user_exists", { nb: `${email} finnes allerede.`, en: `${email} already exists.` }, 409);
  }
  const password = input.password ?? generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: {
        email,
        name: input.name,
        role: input.role,
        passwordHash,
        mustChangePassword: true,
        oneTimePasswordExpiresAt: oneTimePasswordExpiry(),
      },
      select: { id: true, email: true, role: true },
    });
    const actor = "role" in by ? { type: "user" as const, id: by.id, label: by.email } : by;
    await recordAudit(
      {
        actor,
        action: "user.create",
        target: { type: "user", id: u.id },
        outcome: "success",
        detail: { email, ...createdFields({ email, name: input.name, role: input.role }) },
      },
      tx,
    );
    return u;
  });
  return { user, password };
}

/**
 * Replaces the actor's password and ends every other session of theirs: the new session version is
 * returned for the caller to re-issue the session that made the change. An expired one-time password
 * cannot be replaced by its holder (an admin issues a new one).
 */
export async function changeOwnPassword(actor: Actor, current: string, next: string): Promise<number> {
  assertCan(actor, "account.self");
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { passwordHash: true, mustChangePassword: true, oneTimePasswordExpiresAt: true },
  });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError("wrong_password", { nb: "Nåværende passord er feil.", en: "The current password is wrong." });
  }
  if (user.mustChangePassword && isExpired(user.oneTimePasswordExpiresAt)) throw oneTimePasswordExpired();
  const passwordHash = await hashPassword(next);
  return db.$transaction(async (tx) => {
    const after = { mustChangePassword: false, oneTimePasswordExpiresAt: null };
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, ...after } });
    const sessionVersion = await endSessions(tx, actor.id);
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "user.password.change",
        target: { type: "user", id: actor.id },
        outcome: "success",
        detail: { ...passwordChange(user, after), otherSessionsEnded: true },
      },
      tx,
    );
    return sessionVersion;
  });
}

export const isExpired = (at: Date | null, now = new Date()) => at !== null && at.getTime() <= now.getTime();

export const oneTimePasswordExpired = () =>
  new AppError(
    "one_time_password_expired",
    {
      nb: "Engangspassordet er utløpt (det gjelder i 24 timer). Be en administrator om et nytt.",
      en: "The one-time password has expired (it is valid for 24 hours). Ask an administrator for a new one.",
    },
    403,
  );

export async function countUsers() {
  return db.user.count();
}
