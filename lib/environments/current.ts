import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import type { Scope } from "@/lib/environments/types";
import { getEnvironment, listEnvironments } from "@/lib/environments/queries";
import { AppError } from "@/lib/core/errors";

export const ENV_COOKIE = "env";

/**
 * Every environment and the one the user is working in: the one chosen (cookie), else the first.
 * Cached per request: the layout and the page both ask.
 */
export const environmentContext = cache(async (actor: Actor | null) => {
  const [all, jar] = await Promise.all([listEnvironments(actor), cookies()]);
  const chosen = jar.get(ENV_COOKIE)?.value;
  const current = all.find((e) => e.slug === chosen) ?? all[0];
  if (!current)
    throw new AppError("no_environment", { nb: "Ingen miljøer er satt opp.", en: "No environments are set up." }, 500);
  return { all, current };
});

/** For pages: the signed-in person (else to sign-in) and the environment they work in. */
export async function requireScope(): Promise<Scope & { actor: Actor }> {
  const actor = await requireActor();
  return { actor, environment: await currentEnvironment(actor) };
}

export async function currentEnvironment(actor: Actor | null) {
  return (await environmentContext(actor)).current;
}

/** For server actions: the choice lives in a cookie, so every page reads the same environment. */
export async function selectEnvironment(actor: Actor | null, slug: string) {
  const environment = await getEnvironment(actor, slug);
  (await cookies()).set(ENV_COOKIE, environment.slug, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 365 * 86_400,
  });
  return environment;
}

/**
 * Where to land after switching: the same section, never a detail page (its id belongs to the
 * environment just left) and never another site.
 */
export function sectionOf(path: string): string {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  const first = path.split(/[/?#]/)[1] ?? "";
  return /^[a-z-]+$/.test(first) ? `/${first}` : "/";
}
