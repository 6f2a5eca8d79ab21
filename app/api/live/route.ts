import { getActor } from "@/lib/auth/session";
import { currentEnvironment } from "@/lib/current-environment";
import { liveVersion } from "@/lib/dal/live-version";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The current environment's change fingerprint, polled by <LiveRefresh />. */
export async function GET() {
  try {
    const actor = await getActor();
    const environment = actor ? await currentEnvironment(actor) : null;
    const version = await liveVersion(actor, environment?.id ?? "");
    return Response.json({ version }, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (err instanceof AppError) return Response.json({ error: err.code, message: err.userMessage }, { status: err.status });
    throw err;
  }
}
