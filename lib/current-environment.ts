import "server-only";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/actor";
import { listEnvironments } from "@/lib/dal/environments";
import { AppError } from "@/lib/errors";

export const ENV_COOKIE = "env";

/** The environment the user is working in: the one chosen (cookie), else the first. */
export async function currentEnvironment(actor: Actor | null) {
  const [all, jar] = await Promise.all([listEnvironments(actor), cookies()]);
  const chosen = jar.get(ENV_COOKIE)?.value;
  const found = all.find((e) => e.slug === chosen) ?? all[0];
  if (!found) throw new AppError("no_environment", { nb: "Ingen miljøer er satt opp.", en: "No environments are set up." }, 500);
  return found;
}
