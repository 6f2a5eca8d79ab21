import "server-only";
import { readPublicForm } from "@/lib/core/public-form";
import { limitPublic } from "@/lib/onboarding/rate-limit";

export type LinkCtx = { params: Promise<{ token: string }> };

/**
 * What every public POST on a customer's signed link does first (start, forward, stop reminders): the
 * per-address limit, then a small form body, then the token from the path. A Response is the refusal to return.
 */
export async function readLinkPost(req: Request, ctx: LinkCtx): Promise<{ form: FormData; token: string } | Response> {
  const limited = await limitPublic(req, "link");
  if (limited) return limited;
  const form = await readPublicForm(req);
  if (form instanceof Response) return form;
  return { form, token: decodeURIComponent((await ctx.params).token) };
}
