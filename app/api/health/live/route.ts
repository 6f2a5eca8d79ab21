export const dynamic = "force-dynamic";

/** Liveness: the process answers. No database, no auth: an outage elsewhere must not get it restarted. */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
