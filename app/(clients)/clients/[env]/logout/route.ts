import { clearSession } from "@/lib/clients/session";
import { readForm } from "@/lib/core/form";
import { back, facilitatorOrg, guardPost } from "@/lib/clients/context";

type Ctx = { params: Promise<{ env: string }> };

export async function POST(req: Request, ctx: Ctx) {
  const refused = await guardPost(req);
  if (refused) return refused;
  const { env } = await ctx.params;
  const org = facilitatorOrg((await readForm(req)).get("org"));
  await clearSession();
  return back(req, `/clients/${encodeURIComponent(env)}`, org ? { org } : {});
}
