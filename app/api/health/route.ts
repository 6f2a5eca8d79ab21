export const dynamic = "force-dynamic";

/** What scripts/start.ts and the tests wait for; /api/health/live and /api/health/ready are the probes. */
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
