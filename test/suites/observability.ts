import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PortalRef } from "../flow-suite";
import { withFault } from "../emulator-controls";
import { seedRequest } from "../seed";
import { liveCounterTests } from "./observability-live";

// Health probes, the metrics endpoint and the live counter (issue 15, ADR 023). The metrics endpoint is
// reached over real HTTP through the same edge stamping and request hook the portal's server uses
// (scripts/server.ts), so the route label and the loopback rule are what a scraper would see.

const EXPECTED = Symbol.for("systembruker-portal.expected-migrations");
const g = globalThis as typeof globalThis & { [EXPECTED]?: string[]; pool?: pg.Pool };

async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const { reloadEnv } = await import("@/lib/core/env");
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
    reloadEnv();
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(before);
  }
}

async function ready() {
  const { GET } = await import("@/app/api/health/ready/route");
  const res = await GET();
  expect(res.headers.get("cache-control")).toBe("no-store");
  return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, unknown> } };
}

/** Metric families and their samples, from the text format (each sample line: name{labels} value). */
function parseExposition(text: string) {
  const types = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]));
  const samples = [...text.matchAll(/^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/gm)].map((m) => ({
    name: m[1] ?? "",
    labels: m[2] ?? "",
    value: Number(m[3]),
  }));
  return { types, samples };
}

export function observabilityTests(ref: PortalRef) {
  let server: Server;
  let base = "";

  beforeAll(async () => {
    const { stampRequest } = await import("@/lib/core/edge");
    const { observeRequest } = await import("@/lib/core/metrics-http");
    const { GET: metricsGet } = await import("@/app/api/metrics/route");
    // The portal's server in small: stamp the client's address, count the request, answer.
    server = createServer((req, res) => {
      stampRequest(req, 0);
      observeRequest(req, res);
      if (req.url?.startsWith("/api/metrics")) {
        const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
        void metricsGet(new Request(`http://127.0.0.1${req.url}`, { headers })).then(async (answer) => {
          res.writeHead(answer.status, Object.fromEntries(answer.headers));
          res.end(await answer.text());
        });
      } else if (req.url?.startsWith("/requests/")) res.end("ok");
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  liveCounterTests(ref);

  it("live answers without the database; ready names each check", async () => {
    ref();
    const { GET: live } = await import("@/app/api/health/live/route");
    const res = live();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    // With JOBS on, ready needs this process's workers (another group may have started them, e.g. poller).
    const { setWorkersRunning, workersRunning } = await import("@/lib/core/jobs/running");
    const running = workersRunning();
    try {
      setWorkersRunning(false);
      expect(await ready()).toMatchObject({
        status: 503,
        body: {
          status: "not_ready",
          checks: { database: { status: "ok" }, migrations: { status: "ok" }, jobs: { status: "failing" } },
        },
      });
      setWorkersRunning(true);
      expect(await ready()).toMatchObject({
        status: 200,
        body: { status: "ready", checks: { jobs: { status: "ok" } } },
      });
      setWorkersRunning(false);
      // JOBS=off: a web-only process; the queue is not required.
      await withEnv({ JOBS: "off" }, async () => {
        expect(await ready()).toMatchObject({
          status: 200,
          body: { status: "ready", checks: { jobs: { status: "not_required" } } },
        });
      });
    } finally {
      setWorkersRunning(running);
    }
  });

  it("not ready from the moment the process begins to stop (SIGTERM), while live still answers", async () => {
    ref();
    const { beginShutdown } = await import("@/lib/core/lifecycle");
    await withEnv({ JOBS: "off" }, async () => {
      expect((await ready()).status).toBe(200);
      beginShutdown();
      try {
        expect(await ready()).toEqual({ status: 503, body: { status: "shutting_down" } });
        const { GET: live } = await import("@/app/api/health/live/route");
        expect(live().status).toBe(200);
      } finally {
        // The flag is process-wide; the suites after this one run in the same process.
        const s = (globalThis as Record<symbol, { shuttingDown: boolean } | undefined>)[
          Symbol.for("systembruker-portal.lifecycle")
        ];
        if (s) s.shuttingDown = false;
      }
    });
  });

  it("not ready while a migration is pending or unfinished", async () => {
    const p = ref();
    const { expectedMigrations } = await import("@/lib/core/health");
    const shipped = expectedMigrations();
    expect(shipped).toContain("0024_live_counter");
    await withEnv({ JOBS: "off" }, async () => {
      // A newer build's migration that nobody has applied yet.
      g[EXPECTED] = [...shipped, "9999_from_a_newer_build"];
      try {
        expect(await ready()).toMatchObject({
          status: 503,
          body: { checks: { migrations: { status: "failing", pending: ["9999_from_a_newer_build"] } } },
        });
      } finally {
        g[EXPECTED] = shipped;
      }
      // One that started and did not finish, as `prisma migrate deploy` records a failure.
      const id = randomUUID();
      await p.db
        .$executeRaw`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
        VALUES (${id}, 'x', '0025_broken', now(), 0)`;
      try {
        expect(await ready()).toMatchObject({
          status: 503,
          body: { checks: { migrations: { status: "failing", failed: ["0025_broken"] } } },
        });
      } finally {
        await p.db.$executeRaw`DELETE FROM _prisma_migrations WHERE id = ${id}`;
      }
      expect((await ready()).status).toBe(200);
    });
  });

  it("not ready when the database does not answer; live still is", async () => {
    ref();
    const pool = g.pool;
    // This process's pool pointed at a port nothing listens on: what a database outage looks like to it.
    g.pool = new pg.Pool({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 500 });
    try {
      await withEnv({ JOBS: "off" }, async () => {
        expect(await ready()).toMatchObject({
          status: 503,
          body: { checks: { database: { status: "failing" }, migrations: { status: "failing" } } },
        });
      });
      const { GET: live } = await import("@/app/api/health/live/route");
      expect(live().status).toBe(200);
    } finally {
      await g.pool.end();
      g.pool = pool;
    }
  });

  it("metrics: loopback by default, then token or allowlist; problem+json when refused", async () => {
    ref();
    const scrape = (init?: RequestInit) => fetch(`${base}/api/metrics`, init);
    const open = await scrape();
    expect(open.status).toBe(200);
    expect(open.headers.get("content-type")).toContain("text/plain");
    // Through a proxy on this host without TRUST_PROXY_HOPS, every client would look like loopback.
    expect((await scrape({ headers: { "x-forwarded-for": "203.0.113.7" } })).status).toBe(403);
    const token = "observability-suite-token-0123456789";
    await withEnv({ METRICS_TOKEN: token }, async () => {
      const refused = await scrape();
      expect(refused.status).toBe(401);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect(refused.headers.get("www-authenticate")).toContain("Bearer");
      expect(await refused.json()).toMatchObject({ status: 401, code: "metrics_unauthorized" });
      expect((await scrape({ headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
      expect((await scrape({ headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    });
    await withEnv({ METRICS_ALLOW: "192.0.2.0/24" }, async () => {
      const refused = await scrape();
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ status: 403, code: "metrics_forbidden" });
    });
    await withEnv({ METRICS_ALLOW: "127.0.0.0/8" }, async () => {
      expect((await scrape()).status).toBe(200);
    });
  });

  it("metrics: after some traffic, every named family has samples", async () => {
    const p = ref();
    // Outbound calls and token grants (a request to Altinn), HTTP requests through the hook.
    await seedRequest(p);
    const { tokens, connect } = p.m;
    tokens.clearTokenCache(p.environmentId);
    await Promise.all([1, 2, 3].map(() => tokens.getAccessToken(connect(p.environment))));
    await tokens.getAccessToken(connect(p.environment));
    await fetch(`${base}/requests/${randomUUID()}?x=1`);
    await fetch(`${base}/wp-login.php`);
    // A Maskinporten outage: the failed grant is an outbound error with Maskinporten's status.
    const tokenPath = new URL(p.environment.maskinportenTokenUrl).pathname;
    tokens.clearTokenCache(p.environmentId);
    await withFault(p, { path: tokenPath, errorRate: 1, status: 503 }, async () => {
      await expect(tokens.getAccessToken(connect(p.environment))).rejects.toThrow();
    });

    const text = await (await fetch(`${base}/api/metrics`)).text();
    const { types, samples } = parseExposition(text);
    const has = (name: string, labels?: RegExp) =>
      samples.some((s) => s.name === name && (!labels || labels.test(s.labels)));
    expect(types.get("portal_http_requests_total")).toBe("counter");
    expect(types.get("portal_http_request_duration_seconds")).toBe("histogram");
    expect(has("portal_http_requests_total", /route="\/requests\/:id",method="GET",status="200"/)).toBe(true);
    expect(has("portal_http_requests_total", /route="\(not found\)"/)).toBe(true);
    expect(has("portal_http_request_duration_seconds_bucket", /route="\/requests\/:id"/)).toBe(true);
    expect(types.get("portal_outbound_call_duration_seconds")).toBe("histogram");
    expect(has("portal_outbound_call_duration_seconds_count", /api="maskinporten"/)).toBe(true);
    expect(has("portal_outbound_call_duration_seconds_count", /api="altinn",endpoint="\/authentication\//)).toBe(true);
    expect(has("portal_outbound_call_errors_total", /api="maskinporten"/)).toBe(true);
    expect(has("portal_token_cache_lookups_total", /outcome="miss"/)).toBe(true);
    expect(has("portal_token_cache_lookups_total", /outcome="hit"/)).toBe(true);
    expect(has("portal_token_grants_total", /token="maskinporten"/)).toBe(true);
    expect(has("portal_queue_jobs", /queue="requests-poll",state="created"/)).toBe(true);
    expect(has("portal_queue_failed_jobs", /queue="webhooks"/)).toBe(true);
    expect(has("portal_webhook_deliveries_pending")).toBe(true);
    expect(has("portal_db_pool_connections", /state="total"/)).toBe(true);
    expect(has("portal_db_pool_connections", /state="waiting"/)).toBe(true);
    expect(has("process_cpu_user_seconds_total")).toBe(true);
    expect(has("nodejs_eventloop_lag_seconds")).toBe(true);
    // No raw id leaks into a label.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  });
}
