import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { loadEnvironmentBySlug } from "@/lib/dal/environments";
import type { ClientContext } from "@/lib/dal/client-delegation";
import { readSession } from "@/lib/clients/session";
import { orgNoSchema } from "@/lib/validations/request";
import { limitPublic } from "@/lib/public-rate-limit";

/** The facilitator org from a query or form value, or null when it is not a valid org number. */
export function facilitatorOrg(raw: unknown): string | null {
  const parsed = orgNoSchema.safeParse(typeof raw === "string" ? raw : "");
  return parsed.success ? parsed.data : null;
}

/** The environment, the org and the sealed login together; null when not logged in (or for another environment). */
export async function clientContext(envSlug: string, org: string): Promise<ClientContext | null> {
  const environment = await loadEnvironmentBySlug(envSlug);
  const session = await readSession(environment.slug);
  return session ? { session, environment, org } : null;
}

/**
 * For the POST routes: rate limit, then a same-origin check (the session cookie is SameSite=Lax,
 * this is the second lock on the door). Null when the request may proceed.
 */
export function guardPost(req: Request): Response | null {
  const limited = limitPublic(req, "clients");
  if (limited) return limited;
  const origin = req.headers.get("origin");
  if (origin && origin !== new URL(env().PORTAL_URL).origin) return new Response("Forbidden", { status: 403 });
  return null;
}

/** Back to a clients page with a message or an error code (only codes travel in URLs). */
export function back(_req: Request, path: string, params: Record<string, string>): Response {
  const url = new URL(path, env().PORTAL_URL);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return seeOther(url.toString());
}

/** A 303 with mutable headers, so the cookies set during the request can still be attached. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

export const errorCode = (err: unknown): string => {
  if (err instanceof AppError) return err.code;
  throw err;
};

type JobRouteCtx = { params: Promise<{ env: string; id: string }> };

/** A POST on an assign-all job's page (cancel, continue): checks, does it, goes back to the job's page. */
export function jobPostRoute(act: (context: ClientContext, jobId: string) => Promise<unknown>) {
  return async (req: Request, ctx: JobRouteCtx): Promise<Response> => {
    const refused = guardPost(req);
    if (refused) return refused;
    const { env, id } = await ctx.params;
    const org = facilitatorOrg((await req.formData()).get("org"));
    const page = `/clients/${encodeURIComponent(env)}/jobs/${encodeURIComponent(id)}`;
    if (!org) return back(req, `/clients/${encodeURIComponent(env)}`, { error: "invalid_org_no" });
    const context = await clientContext(env, org);
    if (!context) return back(req, page, { org, error: "client_login_expired" });
    try {
      await act(context, id);
      return back(req, page, { org });
    } catch (err) {
      return back(req, page, { org, error: errorCode(err) });
    }
  };
}
