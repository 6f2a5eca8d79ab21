import { z } from "zod";
import { startAssignAll } from "@/lib/dal/client-assign";
import { back, clientContext, errorCode, facilitatorOrg, guardPost } from "@/lib/clients/context";

type Ctx = { params: Promise<{ env: string }> };

/** Starts (or resumes) the server-side "assign all" and sends the browser to its report. */
export async function POST(req: Request, ctx: Ctx) {
  const refused = guardPost(req);
  if (refused) return refused;
  const { env } = await ctx.params;
  const form = await req.formData();
  const org = facilitatorOrg(form.get("org"));
  const agent = z.uuid().safeParse(form.get("agent"));
  const home = `/clients/${encodeURIComponent(env)}`;
  if (!org || !agent.success) return back(req, home, { ...(org ? { org } : {}), error: "invalid_input" });
  const context = await clientContext(env, org);
  if (!context) return back(req, home, { org, error: "client_login_expired" });
  try {
    const job = await startAssignAll(context, agent.data);
    return back(req, `${home}/jobs/${job.id}`, { org });
  } catch (err) {
    return back(req, home, { org, error: errorCode(err) });
  }
}
