import { env } from "@/lib/core/env";
import { readPublicForm } from "@/lib/core/public-form";
import { limitPublic } from "@/lib/onboarding/rate-limit";
import { stopRemindersByToken } from "@/lib/mail/stop";

type Ctx = { params: Promise<{ token: string }> };

/** The page's button and mail clients' one-click unsubscribe (RFC 8058) both POST here. */
export async function POST(req: Request, ctx: Ctx) {
  const limited = await limitPublic(req, "link");
  if (limited) return limited;
  const form = await readPublicForm(req);
  if (form instanceof Response) return form;
  const token = decodeURIComponent((await ctx.params).token);
  const ok = await stopRemindersByToken(token);
  const page = new URL(`/mail/stop/${encodeURIComponent(token)}`, env().PORTAL_URL);
  if (ok) page.searchParams.set("done", "1");
  return Response.redirect(page, 303);
}
