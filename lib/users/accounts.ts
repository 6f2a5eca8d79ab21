import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { db } from "@/lib/core/db";
import { generateOneTimePassword, hashPassword, verifyPassword } from "@/lib/users/password";
import { assertCan, type Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/core/errors";

// A precomputed hash keeps the timing of "unknown email" close to "wrong password".
let dummyHash: Promise<string> | undefined;

export async function authenticateLocal(email: string, password: string) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, disabled: true },
  });
  if (!user?.passwordHash || user.disabled) {
    dummyHash ??= hashPassword("timing-equaliser");
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

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
      data: { email, name: input.name, role: input.role, passwordHash, mustChangePassword: true },
      select: { id: true, email: true, role: true },
    });
    const actor = "role" in by ? { type: "user" as const, id: by.id, label: by.email } : by;
    await recordAudit(
      {
        actor,
        action: "user.create",
        target: { type: "user", id: u.id },
        outcome: "success",
        detail: { email, role: input.role },
      },
      tx,
    );
    return u;
  });
  return { user, password };
}

export async function changeOwnPassword(actor: Actor, current: string, next: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError("wrong_password", { nb: "Nåværende passord er feil.", en: "The current password is wrong." });
  }
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, mustChangePassword: false } });
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "user.password.change",
        target: { type: "user", id: actor.id },
        outcome: "success",
      },
      tx,
    );
  });
}

export async function countUsers() {
  return db.user.count();
}
