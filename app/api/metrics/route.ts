import { problemResponse } from "@/lib/api/problem";
import { preferredLocale } from "@/lib/api/route";
import { clientAddress } from "@/lib/core/client-address";
import { edgeFacts } from "@/lib/core/edge";
import { env } from "@/lib/core/env";
import { metricsAccess } from "@/lib/core/metrics-access";
import { renderMetrics } from "@/lib/core/metrics-collect";

export const dynamic = "force-dynamic";

const REFUSED = {
  unauthorized: {
    nb: "Metrikkene krever et gyldig token (Authorization: Bearer, METRICS_TOKEN).",
    en: "Metrics need a valid token (Authorization: Bearer, METRICS_TOKEN).",
  },
  forbidden: {
    nb: "Metrikkene kan ikke leses fra denne adressen (METRICS_ALLOW; uten innstilling bare fra samme maskin).",
    en: "Metrics cannot be read from this address (METRICS_ALLOW; without it, only from the same host).",
  },
} as const;

/** This process's metrics in Prometheus text format, for a scraper with the token or on the allowlist. */
export async function GET(request: Request) {
  const { METRICS_TOKEN, METRICS_ALLOW, PORTAL_URL } = env();
  const access = metricsAccess(
    {
      authorization: request.headers.get("authorization"),
      address: clientAddress(request.headers),
      // Read at the edge: Next adds X-Forwarded-For itself, so the header here says nothing.
      proxied: edgeFacts(request.headers)?.proxied ?? true,
    },
    { token: METRICS_TOKEN, allow: METRICS_ALLOW },
  );
  if (access !== "ok") {
    const status = access === "unauthorized" ? 401 : 403;
    return problemResponse(
      {
        status,
        code: access === "unauthorized" ? "metrics_unauthorized" : "metrics_forbidden",
        messages: REFUSED[access],
        locale: preferredLocale(request.headers.get("accept-language")),
        origin: PORTAL_URL.replace(/\/$/, ""),
      },
      {
        "cache-control": "no-store",
        ...(status === 401 ? { "www-authenticate": 'Bearer realm="metrics"' } : {}),
      },
    );
  }
  const { text, contentType } = await renderMetrics();
  return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
