import { env } from "@/lib/core/env";
import { readPublicForm } from "@/lib/core/public-form";
import { limitPublic } from "@/lib/onboarding/rate-limit";
import { forwardLink } from "@/lib/mail/forward";

type Ctx = { params: Promise<{ token: string }> };

/** "Send this to the person who can approve": plain form POST, 303 back to the link page with the outcome. */
export async function POST(req: Request, ctx: Ctx) {
  const limited = await limitPublic(req, "link");
  if (limited) return limited;
  const form = await readPublicForm(req);
  if (form instanceof Response) return form;
  const token = decodeURIComponent((await ctx.params).token);
  const field = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const outcome = await forwardLink(token, { email: field("email"), locale: field("locale") });
  const page = new URL(`/onboard/l/${encodeURIComponent(token)}`, env().PORTAL_URL);
  page.searchParams.set("forward", outcome);
  return Response.redirect(page, 303);
}
