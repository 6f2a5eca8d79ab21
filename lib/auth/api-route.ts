import "server-only";
import { getActor } from "@/lib/auth/session";
import { AppError, forbidden } from "@/lib/core/errors";
import { currentEnvironment } from "@/lib/environments/current";
import type { Scope } from "@/lib/environments/types";

/**
 * A GET for signed-in pages in the current environment: the handler gets `{ actor, environment }`,
 * like a server action. Signed out is refused as the data layer would refuse it; AppErrors become JSON
 * with the code and the message in both languages.
 */
export function currentEnvironmentGet<C>(handle: (scope: Scope, ctx: C) => Promise<Response>) {
  return async (_req: Request, ctx: C): Promise<Response> => {
    try {
      const actor = await getActor();
      if (!actor) throw forbidden();
      return await handle({ actor, environment: await currentEnvironment(actor) }, ctx);
    } catch (err) {
      if (err instanceof AppError)
        return Response.json({ error: err.code, message: err.userMessage }, { status: err.status });
      throw err;
    }
  };
}
