import "server-only";
import { getActor } from "@/lib/auth/session";
import { AppError } from "@/lib/core/errors";
import { assertCan } from "@/lib/auth/actor";
import { currentEnvironment } from "@/lib/environments/current";
import type { Scope } from "@/lib/environments/types";

/**
 * A GET for signed-in pages in the current environment: the handler gets `{ actor, environment }`,
 * like a server action, and the request (for its query). Signed out is refused as the data layer would
 * refuse it; AppErrors become JSON with the code and the message in both languages.
 */
export function currentEnvironmentGet<C>(handle: (scope: Scope, ctx: C, req: Request) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      const actor = await getActor();
      // Signed out, an ended session, or still on a one-time password: refused before the handler runs.
      assertCan(actor, "portal.read");
      return await handle({ actor, environment: await currentEnvironment(actor) }, ctx, req);
    } catch (err) {
      if (err instanceof AppError)
        return Response.json({ error: err.code, message: err.userMessage }, { status: err.status });
      throw err;
    }
  };
}
