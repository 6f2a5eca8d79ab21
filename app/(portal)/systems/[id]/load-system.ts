import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { currentEnvironment } from "@/lib/environments/current";
import { getSystem } from "@/lib/systems/systems";
import { AppError } from "@/lib/core/errors";

/** A system's pages: 404 for an unknown id and for a system of another environment than the one chosen. */
export async function loadSystemForPage(actor: Actor, id: string) {
  const system = await getSystem(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const environment = await currentEnvironment(actor);
  if (system.environmentId !== environment.id) notFound();
  return { system, environment };
}
