import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { resolveClient, type ClientFacts } from "@/lib/core/forwarded";

// The portal's HTTP server (scripts/server.ts) tells the app who the client is through request headers
// of its own. Anyone can send headers, so it also sends a proof: a random value made once per process
// and kept in a process-wide global. The app (same process: Next runs inside that server) believes the
// headers only when the proof matches, so a portal started any other way (plain `next start`) never
// trusts a header a client sent; clientAddress() then says "unknown".
// Pure Node, no "server-only": the custom server imports this outside Next's bundle.

export const EDGE_HEADERS = {
  address: "x-portal-client-address",
  proto: "x-portal-client-proto",
  proof: "x-portal-edge-proof",
  /** "1" when the request named a proxy chain (X-Forwarded-For or Forwarded), before Next adds its own. */
  proxied: "x-portal-client-proxied",
} as const;

const PROOF = Symbol.for("systembruker-portal.edge-proof");
const store = globalThis as typeof globalThis & { [PROOF]?: string };

/** Made once by the server before it takes requests; the same value for the life of the process. */
export function issueEdgeProof(): string {
  store[PROOF] ??= randomBytes(32).toString("base64url");
  return store[PROOF];
}

/**
 * Overwrites the edge headers of an incoming request (deleting whatever the client sent under those
 * names) with what the socket and the trusted proxies say. Called by the server for every request.
 */
export function stampRequest(req: IncomingMessage, hops: number): ClientFacts {
  const facts = resolveClient({
    socketAddress: req.socket.remoteAddress,
    encrypted: Boolean((req.socket as Partial<TLSSocket>).encrypted),
    forwardedFor: req.headers["x-forwarded-for"],
    forwardedProto: req.headers["x-forwarded-proto"],
    hops,
  });
  for (const name of Object.values(EDGE_HEADERS)) delete req.headers[name];
  req.headers[EDGE_HEADERS.address] = facts.address;
  req.headers[EDGE_HEADERS.proto] = facts.proto;
  req.headers[EDGE_HEADERS.proxied] = req.headers["x-forwarded-for"] || req.headers.forwarded ? "1" : "0";
  req.headers[EDGE_HEADERS.proof] = issueEdgeProof();
  return facts;
}

function proven(headers: Headers): boolean {
  const expected = store[PROOF];
  const sent = headers.get(EDGE_HEADERS.proof);
  if (!expected || !sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the server determined about the client, or null when these headers did not come from it. */
export function edgeFacts(headers: Headers): (ClientFacts & { proxied: boolean }) | null {
  if (!proven(headers)) return null;
  const address = headers.get(EDGE_HEADERS.address) ?? "unknown";
  return {
    address,
    proto: headers.get(EDGE_HEADERS.proto) === "https" ? "https" : "http",
    proxied: headers.get(EDGE_HEADERS.proxied) !== "0",
  };
}
