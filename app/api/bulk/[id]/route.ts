import { currentEnvironmentGet } from "@/lib/auth/api-route";
import { getBulkProgress } from "@/lib/bulk/queries";

export const dynamic = "force-dynamic";

/** The job's progress for the page's poller; the data layer checks the role. */
export const GET = currentEnvironmentGet(async ({ actor, environment }, ctx: { params: Promise<{ id: string }> }) =>
  Response.json(await getBulkProgress({ actor, environment }, (await ctx.params).id), {
    headers: { "cache-control": "no-store" },
  }),
);
