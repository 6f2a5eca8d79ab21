import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { loadSessionActor } from "@/lib/users/sessions";
import type { Actor } from "@/lib/auth/actor";

export type { Actor } from "@/lib/auth/actor";

/** What our session callback (lib/auth/options.ts) puts in the session. */
type SessionClaims = { userId?: string; sessionVersion?: number };

/**
 * The signed-in user, re-read from the database so a changed role, a disabled account or an ended session
 * bites at once. A person on a one-time password comes back with `mustChangePassword`, which assertCan
 * refuses for everything but their own account.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as SessionClaims | null;
  if (!session?.userId) return null;
  return loadSessionActor(session.userId, session.sessionVersion);
});

/**
 * For portal pages. Layout and page render in parallel, so each page must stop on its own when
 * nobody is signed in rather than rely on the layout's redirect.
 */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (actor.mustChangePassword) redirect("/account/password");
  return actor;
}
