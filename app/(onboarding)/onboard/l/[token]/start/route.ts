import { startFromLink } from "@/lib/onboarding/links";
import { AppError } from "@/lib/core/errors";
import { env } from "@/lib/core/env";
import { readLinkPost, type LinkCtx } from "@/lib/onboarding/link-post";
import { capReachedResponse } from "@/lib/onboarding/cap-page";
import { logger } from "@/lib/core/log";

/** Plain form POST: 303 to Altinn's confirm page, 303 back to the link page with an error code, or 429 (cap). */
export async function POST(req: Request, ctx: LinkCtx) {
  // The link names everything; the form has no fields, but a body that is not one is still refused.
  const post = await readLinkPost(req, ctx);
  if (post instanceof Response) return post;
  const { token } = post;
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
