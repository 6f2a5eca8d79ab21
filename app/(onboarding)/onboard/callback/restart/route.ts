import { z } from "zod";
import { restartOnboarding } from "@/lib/onboarding/flow";
import { AppError } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { readPublicForm } from "@/lib/core/public-form";
import { limitPublic } from "@/lib/onboarding/rate-limit";
import { capReachedResponse } from "@/lib/onboarding/cap-page";
import { logger } from "@/lib/core/log";

/**
 * "Start again" from an outcome page (plain form POST): the ref names the request, everything else
 * (customer, system) is read server-side. A renewed request goes straight to Altinn's confirm page.
 */
export async function POST(req: Request) {
  const limited = await limitPublic(req, "callback");
  if (limited) return limited;
  const form = await readPublicForm(req);
  if (form instanceof Response) return form;
  const ref = z.uuid().safeParse(form.get("ref"));
  const back = new URL("/onboard/callback", env().PORTAL_URL);
  if (!ref.success) return Response.redirect(back, 303);
  back.searchParams.set("ref", ref.data);
  try {
    return Response.redirect(await restartOnboarding(ref.data), 303);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    logger("onboarding").warn(`restart failed: ${err.code}`);
    const capped = await capReachedResponse(err);
    if (capped) return capped;
    // The outcome page re-checks and shows the fitting message (unavailable, unknown, ...).
    return Response.redirect(back, 303);
  }
}
