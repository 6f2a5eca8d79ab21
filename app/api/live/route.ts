import { currentEnvironmentGet } from "@/lib/api-route";
import { liveVersion } from "@/lib/dal/live-version";

export const dynamic = "force-dynamic";

/** The current environment's change fingerprint, polled by <LiveRefresh />. */
export const GET = currentEnvironmentGet(async ({ actor, environmentId }) =>
  Response.json({ version: await liveVersion(actor, environmentId) }, { headers: { "cache-control": "no-store" } }));
