import { orgNoSchema } from "@/lib/requests/schema";
import { startOnboarding } from "@/lib/onboarding/flow";
import { AppError } from "@/lib/core/errors";
import { env as config } from "@/lib/core/env";
import { readPublicForm } from "@/lib/core/public-form";
import { limitPublic } from "@/lib/onboarding/rate-limit";
import { capReachedResponse } from "@/lib/onboarding/cap-page";
import { logger } from "@/lib/core/log";

type Ctx = { params: Promise<{ env: string; systemId: string }> };

/**
 * Plain form POST (works without JavaScript): 303 to Altinn's confirm page (for connected customers too,
 * ADR 018), 303 back with an error code, or 429 past the system's hourly cap.
 */
export async function POST(req: Request, ctx: Ctx) {
  const limited = await limitPublic(req, "start");
  if (limited) return limited;
  const { env, systemId } = await ctx.params;
  const form = await readPublicForm(req);
  if (form instanceof Response) return form;
  const raw = String(form.get("orgNo") ?? "");
  const back = (error: string) => {
    // The portal's own address, not the Host header the request came in with.
    const url = new URL(`/onboard/${env}/${systemId}`, config().PORTAL_URL);
    url.searchParams.set("error", error);
    url.searchParams.set("orgNo", raw.slice(0, 20));
    return Response.redirect(url, 303);
  };
  const orgNo = orgNoSchema.safeParse(raw);
  if (!orgNo.success) return back(orgNo.error.issues[0]?.message ?? "errors.orgNoFormat");
  try {
    const confirmUrl = await startOnboarding(decodeURIComponent(env), decodeURIComponent(systemId), orgNo.data);
    return Response.redirect(confirmUrl, 303);
  } catch (err) {
    if (err instanceof AppError) {
      logger("onboarding").warn(`start failed: ${err.code}`);
      return (await capReachedResponse(err)) ?? back(err.code);
    }
    throw err;
  }
}
