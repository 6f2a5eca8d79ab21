import { timingSafeEqual, createHash } from "node:crypto";
import { BlockList, isIP } from "node:net";

// Who may read /api/metrics. The numbers say how busy the portal is and which upstream calls fail:
// not secret, but not for the internet either. A scraper proves itself by a bearer token (METRICS_TOKEN)
// or by where it connects from (METRICS_ALLOW, matched against the address the portal's own server
// determined, lib/core/edge.ts). With neither configured only loopback clients may read: a scraper on the
// same host works out of the box and nothing is exposed by accident. Pure, so it is unit-tested alone.

export type MetricsAccessConfig = { token?: string; allow?: readonly string[] };
export type MetricsAccess = "ok" | "unauthorized" | "forbidden";

/** An address or CIDR as METRICS_ALLOW takes it, or null when it is neither. */
function parseEntry(entry: string): { address: string; prefix?: number; type: "ipv4" | "ipv6" } | null {
  const [address = "", prefixText, ...rest] = entry.trim().split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return null;
  const type = family === 4 ? "ipv4" : "ipv6";
  if (prefixText === undefined) return { address, type };
  const prefix = Number(prefixText);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefixText) || prefix > max) return null;
  return { address, prefix, type };
}

/** The entries of METRICS_ALLOW that are not an address or CIDR (empty when all are). */
export function invalidAllowEntries(entries: readonly string[]): string[] {
  return entries.filter((e) => parseEntry(e) === null);
}

function blockList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const e = parseEntry(entry);
    if (!e) continue;
    if (e.prefix === undefined) list.addAddress(e.address, e.type);
    else list.addSubnet(e.address, e.prefix, e.type);
  }
  return list;
}

const LOOPBACK = blockList(["127.0.0.0/8", "::1"]);

function addressIn(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

// Digests first, so the comparison takes the same time whatever the lengths are.
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Decides one scrape. `address` is the client address from the portal's server ("unknown" when the
 * request did not come through it, which no list matches); `proxied` says the request carried
 * X-Forwarded-For or Forwarded. A wrong or missing token is 401 when a token
 * is configured; an address outside the list is 403.
 */
export function metricsAccess(
  request: { authorization: string | null; address: string; proxied?: boolean },
  config: MetricsAccessConfig,
): MetricsAccess {
  const { token } = config;
  const allow = config.allow ?? [];
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? "")?.[1];
  if (token && bearer !== undefined && sameSecret(bearer, token)) return "ok";
  if (allow.length > 0 && addressIn(blockList(allow), request.address)) return "ok";
  // A request that came through a proxy is not "from this host" even when the proxy is on it: with
  // TRUST_PROXY_HOPS unset every proxied client would look like loopback and read the metrics.
  if (!token && allow.length === 0 && !request.proxied && addressIn(LOOPBACK, request.address)) return "ok";
  return token ? "unauthorized" : "forbidden";
}
