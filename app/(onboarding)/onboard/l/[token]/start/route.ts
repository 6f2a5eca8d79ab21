import { startFromLink } from "@/lib/onboarding/links";
import { AppError } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { limitPublic } from "@/lib/onboarding/rate-limit";
import { capReachedResponse } from "@/lib/onboarding/cap-page";
import { readPublicForm } from "@/lib/core/public-form";
import { logger } from "@/lib/core/log";

type Ctx = { params: Promise<{ token: string }> };

/** Plain form POST: 303 to Altinn's confirm page, 303 back to the link page with an error code, or 429 (cap). */
export async function POST(req: Request, ctx: Ctx) {
  const limited = await limitPublic(req, "link");
  if (limited) return limited;
  // The link names everything; the form has no fields, but a body that is not one is still refused.
  const form = await readPublicForm(req);
  if (form instanceof Response) return form;
  const token = decodeURIComponent((await ctx.params).token);
  const page = new URL(`/onboard/l/${encodeURIComponent(token)}`, env().PORTAL_URL);
  try {
    return Response.redirect(await startFromLink(token), 303);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    logger("onboarding").warn(`link start failed: ${err.code}`);
    const capped = await capReachedResponse(err);
    if (capped) return capped;
    // An invalid link needs no code: the page itself says the link no longer works.
    if (err.code !== "invalid_link") page.searchParams.set("error", err.code);
    return Response.redirect(page, 303);
  }
}
