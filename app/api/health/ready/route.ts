import { readiness } from "@/lib/core/health";

export const dynamic = "force-dynamic";

/** Readiness: 200 when this process can serve (database, migrations, job queue), else 503 naming each check. */
export async function GET() {
  const { ready, checks } = await readiness();
  return Response.json(
    { status: ready ? "ready" : "not_ready", checks },
    { status: ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
