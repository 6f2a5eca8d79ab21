import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

// Pure, no "server-only": scripts/server.ts (plain Node, outside Next's bundle) uses it as well as the app.

/** The longest normalised address there is (IPv6 written out), so anything longer is not an address. */
const MAX_ADDRESS = 45;
export const MAX_PROXY_HOPS = 10;

/**
 * One canonical spelling per address, so one client cannot become several limit keys by writing
 * its address differently: IPv4-mapped IPv6 becomes IPv4, IPv6 is compressed and lower-case, zone ids,
 * brackets and ports go. Null for anything that is not an IP address (the caller decides what then).
 */
export function normalizeAddress(raw: string | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim().slice(0, 64);
  // "[2001:db8::1]:443" and "203.0.113.7:5678" (some proxies append the client's port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed?.[1]) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, "");
  // net.isIP is strict (no "01.2.3.4" or "0x7f.1" forms, which ipaddr.js would also accept).
  if (!isIP(s)) return null;
  const normal = ipaddr.process(s).toString();
  return normal.length <= MAX_ADDRESS ? normal : null;
}

/** The entries of a comma-separated forwarding header, in order, from one or several header lines. */
function entries(header: string | string[] | undefined): string[] {
  const lines = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return lines
    .flatMap((line) => line.split(","))
    .map((e) => e.trim())
    .filter(Boolean);
}

export type ClientFacts = { address: string; proto: "http" | "https" };

/**
 * The client as the last proxy we trust saw it. Each trusted proxy appends the address it was
 * connected from, so in [...X-Forwarded-For, socket] the entry `hops` places from the right is what the
 * outermost trusted proxy saw; everything left of it came from the client and never counts. With fewer
 * entries than hops (a request that did not pass every proxy) the leftmost one is the best there is.
 * X-Forwarded-Proto is read the same way (most proxies overwrite it, which gives one entry).
 */
export function resolveClient(input: {
  socketAddress: string | undefined;
  encrypted: boolean;
  forwardedFor: string | string[] | undefined;
  forwardedProto: string | string[] | undefined;
  hops: number;
}): ClientFacts {
  const hops = Math.max(0, Math.min(MAX_PROXY_HOPS, Math.trunc(input.hops)));
  const chain = [...entries(hops > 0 ? input.forwardedFor : undefined), input.socketAddress ?? ""];
  const seen = chain[Math.max(0, chain.length - 1 - hops)];
  const address = normalizeAddress(seen) ?? "unknown";
  if (hops === 0) return { address, proto: input.encrypted ? "https" : "http" };
  const protos = entries(input.forwardedProto);
  const proto = protos[Math.max(0, protos.length - hops)]?.toLowerCase();
  return { address, proto: proto === "https" || (proto === undefined && input.encrypted) ? "https" : "http" };
}

export type HopsSetting = { hops: number; warning?: string };

/**
 * TRUST_PROXY_HOPS (0 = the socket is the client), with TRUST_PROXY=true kept as a deprecated alias
 * for one hop. Throws on a value that is not a small whole number, like the app's env check does.
 */
export function trustedHops(source: Record<string, string | undefined>): HopsSetting {
  const raw = source.TRUST_PROXY_HOPS?.trim();
  const legacy = source.TRUST_PROXY?.trim();
  if (raw) {
    const hops = Number(raw);
    if (!/^\d+$/.test(raw) || hops > MAX_PROXY_HOPS)
      throw new Error(`TRUST_PROXY_HOPS must be a whole number from 0 to ${MAX_PROXY_HOPS}`);
    return legacy ? { hops, warning: "TRUST_PROXY is ignored: TRUST_PROXY_HOPS is set" } : { hops };
  }
  if (legacy === "true")
    return { hops: 1, warning: "TRUST_PROXY=true is deprecated: set TRUST_PROXY_HOPS=1 (the number of proxies)" };
  return { hops: 0 };
}

/**
 * What a per-client limit is keyed on: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so counting single IPv6 addresses would give each client
 * billions of fresh limits).
 */
export function limitKeyOf(address: string): string {
  if (!ipaddr.IPv6.isValid(address) || ipaddr.IPv4.isValid(address)) return address;
  const prefix = ipaddr.IPv6.parse(address).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}
