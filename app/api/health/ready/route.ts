import { readiness } from "@/lib/core/health";
import { isShuttingDown } from "@/lib/core/lifecycle";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when this process can serve (database, migrations, job queue), else 503 naming each check.
 * A process stopping (SIGTERM) is not ready from the first moment, so the load balancer stops sending.
 */
export async function GET() {
  const headers = { "cache-control": "no-store" };
  if (isShuttingDown()) return Response.json({ status: "shutting_down" }, { status: 503, headers });
  const { ready, checks } = await readiness();
  return Response.json({ status: ready ? "ready" : "not_ready", checks }, { status: ready ? 200 : 503, headers });
}
