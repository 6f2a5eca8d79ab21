import { env } from "@/lib/core/env";
import { readLinkPost, type LinkCtx } from "@/lib/onboarding/link-post";
import { stopRemindersByToken } from "@/lib/mail/stop";

/** The page's button and mail clients' one-click unsubscribe (RFC 8058) both POST here. */
export async function POST(req: Request, ctx: LinkCtx) {
  const post = await readLinkPost(req, ctx);
  if (post instanceof Response) return post;
  const { token } = post;
  const ok = await stopRemindersByToken(token);
  const page = new URL(`/mail/stop/${encodeURIComponent(token)}`, env().PORTAL_URL);
  if (ok) page.searchParams.set("done", "1");
  return Response.redirect(page, 303);
}
