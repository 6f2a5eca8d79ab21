import { currentEnvironmentGet } from "@/lib/auth/api-route";
import { liveVersion } from "@/lib/requests/live";

export const dynamic = "force-dynamic";

/** The current environment's change fingerprint, polled by <LiveRefresh />. */
export const GET = currentEnvironmentGet(async ({ actor, environment }) =>
  Response.json({ version: await liveVersion({ actor, environment }) }, { headers: { "cache-control": "no-store" } }),
);
