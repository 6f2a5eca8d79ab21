import { env } from "@/lib/core/env";
import { readLinkPost, type LinkCtx } from "@/lib/onboarding/link-post";
import { forwardLink } from "@/lib/mail/forward";

/** "Send this to the person who can approve": plain form POST, 303 back to the link page with the outcome. */
export async function POST(req: Request, ctx: LinkCtx) {
  const post = await readLinkPost(req, ctx);
  if (post instanceof Response) return post;
  const { form, token } = post;
  const field = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const outcome = await forwardLink(token, { email: field("email"), locale: field("locale") });
  const page = new URL(`/onboard/l/${encodeURIComponent(token)}`, env().PORTAL_URL);
  page.searchParams.set("forward", outcome);
  return Response.redirect(page, 303);
}
