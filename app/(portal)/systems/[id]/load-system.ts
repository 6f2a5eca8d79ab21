import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { currentEnvironment } from "@/lib/environments/current";
import { getSystem } from "@/lib/systems/queries";
import { AppError } from "@/lib/core/errors";

/** A system's pages: 404 for an unknown id and, since the environment is in the query, for one of another environment. */
export async function loadSystemForPage(actor: Actor, id: string) {
  const environment = await currentEnvironment(actor);
  const system = await getSystem({ actor, environment }, id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  return { system, environment };
}
