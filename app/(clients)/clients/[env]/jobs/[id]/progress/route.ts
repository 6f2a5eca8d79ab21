import { assignJobReport } from "@/lib/clients/assign";
import { clientContext, facilitatorOrg } from "@/lib/clients/context";
import { AppError } from "@/lib/core/errors";

type Ctx = { params: Promise<{ env: string; id: string }> };

/** What the report page polls. Only the person who started the job gets it. */
export async function GET(req: Request, ctx: Ctx) {
  const { env, id } = await ctx.params;
  const org = facilitatorOrg(new URL(req.url).searchParams.get("org"));
  const context = org ? await clientContext(env, org) : null;
  if (!context)
    return Response.json({ error: "client_login_expired" }, { status: 401, headers: { "cache-control": "no-store" } });
  try {
    return Response.json(await assignJobReport(context, id), { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof AppError)
      return Response.json({ error: err.code }, { status: err.status, headers: { "cache-control": "no-store" } });
    throw err;
  }
}
