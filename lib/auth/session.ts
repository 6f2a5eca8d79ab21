import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/core/db";
import type { Actor } from "@/lib/auth/actor";

export type { Actor } from "@/lib/auth/actor";

/** The signed-in user, re-read from the database so a changed role or a disabled account bites at once. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions());
  const userId = (session as { userId?: string } | null)?.userId;
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, mustChangePassword: true, disabled: true },
  });
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
  };
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
