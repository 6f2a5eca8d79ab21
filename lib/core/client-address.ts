import "server-only";
import { edgeFacts } from "@/lib/core/edge";
import { logger } from "@/lib/core/log";

let warned = false;

/**
 * The client's address as the portal's own HTTP server determined it (the socket, or with
 * TRUST_PROXY_HOPS the address the last trusted proxy saw; lib/core/forwarded.ts). "unknown" when the
 * request did not come through that server (its proof is missing or wrong): X-Forwarded-For and any
 * look-alike header are the client's own words then, and keying on them would let it pick its limit.
 */
export function clientAddress(headers: Headers): string {
  const facts = edgeFacts(headers);
  if (facts) return facts.address;
  if (!warned) {
    warned = true;
    logger("edge").warn(
      "no client address from the portal's server (started without scripts/server.ts?): every client shares one rate limit",
    );
  }
  return "unknown";
}
