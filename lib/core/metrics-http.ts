import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { metrics } from "@/lib/core/metrics";
import { methodLabel, routeLabel } from "@/lib/core/metrics-route";

// Pure Node, used by the portal's HTTP server (scripts/server.ts) for every request, and by the
// integration suite with a plain node:http server (no Next build needed to check it).

/** Counts the request once its response has ended (or the client went away), by normalised route. */
export function observeRequest(req: IncomingMessage, res: ServerResponse, log?: Logger): void {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeLabel(req.url ?? "/", res.statusCode);
    const method = methodLabel(req.method);
    const { httpRequests, httpDuration } = metrics();
    httpRequests.inc({ route, method, status: String(res.statusCode) });
    httpDuration.observe({ route, method }, seconds);
    if (res.statusCode >= 500) log?.warn({ method, route, status: res.statusCode, seconds }, "request answered 5xx");
  });
}
