import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { beginLogin } from "@/lib/clients/idporten";
import { writePendingLogin } from "@/lib/clients/session";
import { back, facilitatorOrg, seeOther } from "@/lib/clients/context";
import { loadEnvironmentBySlug } from "@/lib/environments/queries";
import { limitPublic } from "@/lib/onboarding/rate-limit";

type Ctx = { params: Promise<{ env: string }> };

/** Starts the ID-porten login: PKCE verifier, state and nonce go into a sealed cookie, the browser to ID-porten. */
export async function GET(req: Request, ctx: Ctx) {
  const limited = await limitPublic(req, "clients");
  if (limited) return limited;
  const { env } = await ctx.params;
  const params = new URL(req.url).searchParams;
  const org = facilitatorOrg(params.get("org"));
  // Back to the job page after login when started there; anything but a uuid is ignored (no open redirect).
  const job = z.uuid().safeParse(params.get("job")).data;
  if (!org) return back(req, `/clients/${encodeURIComponent(env)}`, { error: "invalid_org_no" });
  try {
    const environment = await loadEnvironmentBySlug(env);
    const { url, pending } = await beginLogin(environment, org);
    await writePendingLogin({ ...pending, job });
    return seeOther(url);
  } catch (err) {
    if (err instanceof AppError) return back(req, `/clients/${encodeURIComponent(env)}`, { org, error: err.code });
    throw err;
  }
}
