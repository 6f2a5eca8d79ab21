import "server-only";
import type { z } from "zod";
import { env } from "@/lib/core/env";
import { AppError } from "@/lib/core/errors";
import { readForm } from "@/lib/core/form";
import { loadEnvironmentBySlug } from "@/lib/environments/queries";
import type { ClientContext } from "@/lib/clients/delegation";
import { readSession } from "@/lib/clients/session";
import { orgNoSchema } from "@/lib/requests/schema";
import { limitPublic } from "@/lib/onboarding/rate-limit";

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
export async function guardPost(req: Request): Promise<Response | null> {
  const limited = await limitPublic(req, "clients");
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

type RouteParams = { env: string } & Record<string, string>;

/**
 * A form POST on the client pages: Origin check, facilitator org and optional fields validated, the
 * person's session looked up, then `act`; every outcome goes back to a page (works without JavaScript).
 * Errors return to `page` (default: the overview); success goes where `act` says.
 */
export function clientPostRoute<T = undefined>(opts: {
  input?: z.ZodType<T>;
  page?: (home: string, params: RouteParams) => string;
  act: (
    context: ClientContext,
    data: T,
    home: string,
    params: RouteParams,
  ) => Promise<{ to: string; message?: string }>;
}) {
  return async (req: Request, ctx: { params: Promise<RouteParams> }): Promise<Response> => {
    const refused = await guardPost(req);
    if (refused) return refused;
    const params = await ctx.params;
    const home = `/clients/${encodeURIComponent(params.env)}`;
    const form = await readForm(req);
    const org = facilitatorOrg(form.get("org"));
    const parsed = opts.input
      ? opts.input.safeParse(Object.fromEntries(form))
      : { success: true as const, data: undefined as T };
    if (!org || !parsed.success)
      return back(req, home, { ...(org ? { org } : {}), error: opts.input ? "invalid_input" : "invalid_org_no" });
    const page = opts.page?.(home, params) ?? home;
    // An environment slug nobody configured is a 404, like its page.
    const context = await clientContext(params.env, org).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return "not_found" as const;
      throw err;
    });
    if (context === "not_found") return new Response("Not found", { status: 404 });
    if (!context) return back(req, page, { org, error: "client_login_expired" });
    try {
      const done = await opts.act(context, parsed.data, home, params);
      return back(req, done.to, { org, ...(done.message ? { message: done.message } : {}) });
    } catch (err) {
      return back(req, page, { org, error: errorCode(err) });
    }
  };
}

/** A POST on an assign-all job's page (cancel, continue): back to the job's page. */
export function jobPostRoute(act: (context: ClientContext, jobId: string) => Promise<unknown>) {
  const jobPage = (home: string, params: RouteParams) => `${home}/jobs/${encodeURIComponent(params.id ?? "")}`;
  return clientPostRoute({
    page: jobPage,
    act: async (context, _data, home, params) => {
      await act(context, params.id ?? "");
      return { to: jobPage(home, params) };
    },
  });
}
