import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session";
import { currentEnvironment } from "@/lib/environments/current";
import { AppError } from "@/lib/core/errors";

type Scope = { actor: Actor | null; environmentId: string; environmentSlug: string | null };

/**
 * A GET for signed-in pages in the current environment. The data layer checks the role (an actor of
 * null is refused there); its AppErrors become JSON with the code and the message in both languages.
 */
export function currentEnvironmentGet<C>(handle: (scope: Scope, ctx: C) => Promise<Response>) {
  return async (_req: Request, ctx: C): Promise<Response> => {
    try {
      const actor = await getActor();
      const environment = actor ? await currentEnvironment(actor) : null;
      return await handle(
        { actor, environmentId: environment?.id ?? "", environmentSlug: environment?.slug ?? null },
        ctx,
      );
    } catch (err) {
      if (err instanceof AppError)
        return Response.json({ error: err.code, message: err.userMessage }, { status: err.status });
      throw err;
    }
  };
}
