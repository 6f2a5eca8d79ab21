import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// The process's metrics. Pure Node, no "server-only": the custom server (scripts/server.ts, run by tsx)
// records HTTP requests and Next's bundles record outbound calls and token-cache decisions, and each of
// them may load its own copy of this module. The registry and its metrics therefore live on globalThis
// under a Symbol.for key, so every copy records into, and /api/metrics reads, the same objects.

const KEY = Symbol.for("systembruker-portal.metrics");

// Outbound calls answer in tens of milliseconds (emulator) to seconds (Altinn under load, timeouts at 15-20 s).
const CALL_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20];

function create() {
  const registry = new Registry();
  // Standard names (process_*, nodejs_*), unprefixed, so stock Node.js dashboards read them.
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: "portal_http_requests_total",
      help: "HTTP requests answered, by normalised route, method and status.",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "portal_http_request_duration_seconds",
      help: "Time from request to the end of the response, by normalised route and method.",
      labelNames: ["route", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    outboundDuration: new Histogram({
      name: "portal_outbound_call_duration_seconds",
      help: "Calls to Altinn, Maskinporten and Digdir, by API, endpoint (ids replaced) and status (none: no answer).",
      labelNames: ["api", "endpoint", "status"] as const,
      buckets: CALL_BUCKETS,
      registers: [registry],
    }),
    outboundErrors: new Counter({
      name: "portal_outbound_call_errors_total",
      help: "Outbound calls that failed, by API and code (the upstream problem code, http_<status> or unreachable).",
      labelNames: ["api", "code"] as const,
      registers: [registry],
    }),
    tokenCache: new Counter({
      name: "portal_token_cache_lookups_total",
      help: "Token cache decisions: hit (cached), shared (joined a grant in flight), miss (started a grant).",
      labelNames: ["token", "outcome"] as const,
      registers: [registry],
    }),
    tokenGrants: new Counter({
      name: "portal_token_grants_total",
      help: "Tokens obtained: Maskinporten grants and Altinn exchanges that succeeded.",
      labelNames: ["token"] as const,
      registers: [registry],
    }),
    // The gauges below are set at scrape time from the database and the pool (lib/core/metrics-collect.ts).
    queueDepth: new Gauge({
      name: "portal_queue_jobs",
      help: "Background jobs waiting (created, retry) or running (active), per queue, read from the database.",
      labelNames: ["queue", "state"] as const,
      registers: [registry],
    }),
    queueFailed: new Gauge({
      name: "portal_queue_failed_jobs",
      help: "Failed background jobs still held by the queue (pg-boss keeps them until archived), per queue.",
      labelNames: ["queue"] as const,
      registers: [registry],
    }),
    webhookBacklog: new Gauge({
      name: "portal_webhook_deliveries_pending",
      help: "Webhook deliveries waiting or being sent (pending, working), all environments.",
      registers: [registry],
    }),
    pool: new Gauge({
      name: "portal_db_pool_connections",
      help: "This process's PostgreSQL pool: total and idle connections, and queries waiting for one.",
      labelNames: ["state"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof create>;

/** The process's one set of metrics (made on first use). */
export function metrics(): Metrics {
  const g = globalThis as typeof globalThis & { [KEY]?: Metrics };
  g[KEY] ??= create();
  return g[KEY];
}
