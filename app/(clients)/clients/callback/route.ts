import { AppError } from "@/lib/core/errors";
import { finishLogin } from "@/lib/clients/idporten";
import { takePendingLogin, writeSession } from "@/lib/clients/session";
import { back } from "@/lib/clients/context";
import { loadEnvironmentBySlug } from "@/lib/environments/queries";
import { limitPublic } from "@/lib/onboarding/rate-limit";
import { logger } from "@/lib/core/log";

/** ID-porten's redirect back: code → tokens → Altinn person token, kept only in the sealed session cookie. */
export async function GET(req: Request) {
  const limited = await limitPublic(req, "clients");
  if (limited) return limited;
  const pending = await takePendingLogin();
  // No (or an expired) login in progress: nothing to continue, and nothing to say about which org.
  if (!pending) {
    return new Response(
      "Innloggingen er utløpt eller ble ikke startet her. Start på nytt fra klientsiden. / The login expired or was not started here. Start again from the clients page.",
      { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } },
    );
  }
  const home = `/clients/${encodeURIComponent(pending.env)}`;
  try {
    const environment = await loadEnvironmentBySlug(pending.env);
    const session = await finishLogin(environment, pending, new URL(req.url).searchParams);
    await writeSession(session);
    return back(req, pending.job ? `${home}/jobs/${pending.job}` : home, { org: pending.org });
  } catch (err) {
    if (err instanceof AppError) {
      logger("clients").warn(`login failed: ${err.code}`);
      return back(req, home, { org: pending.org, error: err.code });
    }
    throw err;
  }
}
