import { z } from "zod";
import { changeOneClient } from "@/lib/dal/client-delegation";
import { back, clientContext, errorCode, facilitatorOrg, guardPost } from "@/lib/clients/context";

type Ctx = { params: Promise<{ env: string }> };
const input = z.object({ agent: z.uuid(), client: z.uuid(), op: z.enum(["add", "remove"]) });

/** Assign or remove one client (plain form POST, works without JavaScript). */
export async function POST(req: Request, ctx: Ctx) {
  const refused = guardPost(req);
  if (refused) return refused;
  const { env } = await ctx.params;
  const form = await req.formData();
  const org = facilitatorOrg(form.get("org"));
  const home = `/clients/${encodeURIComponent(env)}`;
  const parsed = input.safeParse(Object.fromEntries(form));
  if (!org || !parsed.success) return back(req, home, { ...(org ? { org } : {}), error: "invalid_input" });
  const context = await clientContext(env, org);
  if (!context) return back(req, home, { org, error: "client_login_expired" });
  try {
    await changeOneClient(context, parsed.data.agent, parsed.data.client, parsed.data.op);
    return back(req, home, { org, message: parsed.data.op === "add" ? "assigned" : "removed" });
  } catch (err) {
    return back(req, home, { org, error: errorCode(err) });
  }
}
