import { resumeAssignJob } from "@/lib/dal/client-assign";
import { back, clientContext, errorCode, facilitatorOrg, guardPost } from "@/lib/clients/context";

type Ctx = { params: Promise<{ env: string; id: string }> };

export async function POST(req: Request, ctx: Ctx) {
  const refused = guardPost(req);
  if (refused) return refused;
  const { env, id } = await ctx.params;
  const org = facilitatorOrg((await req.formData()).get("org"));
  const page = `/clients/${encodeURIComponent(env)}/jobs/${encodeURIComponent(id)}`;
  if (!org) return back(req, `/clients/${encodeURIComponent(env)}`, { error: "invalid_org_no" });
  const context = await clientContext(env, org);
  if (!context) return back(req, page, { org, error: "client_login_expired" });
  try {
    await resumeAssignJob(context, id);
    return back(req, page, { org });
  } catch (err) {
    return back(req, page, { org, error: errorCode(err) });
  }
}
