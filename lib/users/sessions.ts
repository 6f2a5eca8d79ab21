import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/core/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * The person behind a session token, or null when the token is no session any more: the account is gone
 * or disabled, or its session version moved on since the token was issued (password changed, role changed,
 * disabled, "sign out everywhere"). Read on every request, so an ended session ends at its next request.
 * A token from before session versions existed carries none and is refused: one sign-in after the upgrade.
 */
export async function loadSessionActor(userId: string, sessionVersion: unknown): Promise<Actor | null> {
  if (typeof sessionVersion !== "number") return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      mustChangePassword: true,
      disabled: true,
      sessionVersion: true,
    },
  });
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  };
}

/** What a token issued now must carry (read at sign-in). */
export async function currentSessionVersion(userId: string): Promise<number> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? -1;
}

/** Ends every session of the user issued so far; the caller's transaction decides whether it happens. */
export async function endSessions(tx: Tx, userId: string): Promise<number> {
  const { sessionVersion } = await tx.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  return sessionVersion;
}

/** "Sign out everywhere": every session of the actor ends, this one included. */
export async function endOwnSessions(actor: Actor): Promise<void> {
  assertCan(actor, "account.self");
  await db.$transaction(async (tx) => {
    await endSessions(tx, actor.id);
    await recordAudit(
      {
        actor: auditActor(actor),
        action: "user.sessions.end",
        target: { type: "user", id: actor.id },
        outcome: "success",
        detail: { by: "self" },
      },
      tx,
    );
  });
}
