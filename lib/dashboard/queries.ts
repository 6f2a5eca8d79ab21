import "server-only";
import { assertCan } from "@/lib/auth/actor";
import type { Scope } from "@/lib/environments/types";
import { listExpiringKeys } from "@/lib/keys/queries";
import { recentCapHits } from "@/lib/onboarding/public-cap";
import { openFindingCount } from "@/lib/reconciliation/queries";
import { listFailingWebhookEndpoints } from "@/lib/webhooks/queries";
import { approvalTimes } from "@/lib/dashboard/approval";
import { checklist, expiringRequests } from "@/lib/dashboard/attention";
import { callStats } from "@/lib/dashboard/calls";
import { onboardingFunnel } from "@/lib/dashboard/funnel";

/**
 * Everything the dashboard shows, for the scope's environment only, read in parallel at one `now`. Each part
 * reads an index range or a rollup, so the page costs about the same with 100,000 requests as with 100
 * (bench/dashboard.ts).
 */
export async function getDashboard(scope: Scope, now: Date = new Date()) {
  assertCan(scope.actor, "portal.read");
  const [steps, funnel, approval, calls, expiring, expiringKeys, findings, failingHooks, capHits] = await Promise.all([
    checklist(scope),
    onboardingFunnel(scope, now),
    approvalTimes(scope, now),
    callStats(scope, now),
    expiringRequests(scope, now),
    listExpiringKeys(scope.actor, now.getTime(), scope.environment.id),
    openFindingCount(scope),
    listFailingWebhookEndpoints(scope),
    recentCapHits(scope),
  ]);
  return { now, steps, funnel, approval, calls, expiring, expiringKeys, findings, failingHooks, capHits };
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
