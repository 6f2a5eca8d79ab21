import { NextResponse, type NextRequest } from "next/server";
import { edgeFacts } from "@/lib/core/edge";
import { env } from "@/lib/core/env";
import { securityHeaders } from "@/lib/core/security-headers";

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Security headers on every response (pages, route handlers, API answers, files), with a fresh CSP nonce
 * per request. The CSP also goes on the request, where Next reads the nonce and puts it on its own
 * scripts (Next's CSP guide); pages are rendered per request (the root layout reads cookies), so every
 * page gets it. Runs for every path: no matcher, so nothing is served without the headers.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const portal = new URL(env().PORTAL_URL);
  // The protocol as the portal's server saw it (or the trusted proxy); a client's own header never counts.
  const facts = edgeFacts(request.headers);
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.searchParams,
    https: facts?.proto === "https" || portal.protocol === "https:",
    dev: process.env.NODE_ENV === "development",
    loopbackPortal: portal.protocol === "http:" && LOOPBACK.includes(portal.hostname),
    nonce,
  });
  const forward = new Headers(request.headers);
  const csp = headers["content-security-policy"];
  if (csp) {
    forward.set("content-security-policy", csp);
    forward.set("x-nonce", nonce);
  }
  const response = NextResponse.next({ request: { headers: forward } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
