import { isIP } from "node:net";

// Which IP addresses a webhook may never reach: everything that is not the public internet. A webhook
// URL is chosen by whoever holds an admin account or an API key, so without this the portal would
// fetch cloud metadata (169.254.169.254), its own database or anything else on the inside for them.

export type BlockedKind =
  "unspecified" | "loopback" | "private" | "link-local" | "cgnat" | "unique-local" | "multicast" | "reserved";

const V4: [string, number, BlockedKind][] = [
  ["0.0.0.0", 8, "unspecified"], // "this network"
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "cgnat"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"], // cloud metadata lives here
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"], // IETF protocol assignments
  ["192.0.2.0", 24, "reserved"], // documentation
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"], // benchmarking
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // includes 255.255.255.255
];

const V6: [string, number, BlockedKind][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["100::", 64, "reserved"], // discard-only
  ["2001:db8::", 32, "reserved"], // documentation
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "reserved"], // old site-local
  ["ff00::", 8, "multicast"],
];

// IPv6 forms that carry an IPv4 address inside: judged by that address, so ::ffff:127.0.0.1 is loopback.
const EMBEDDED_V4: [string, number, (v6: bigint) => bigint][] = [
  ["::ffff:0:0", 96, (v) => v & 0xffffffffn], // IPv4-mapped
  ["64:ff9b::", 96, (v) => v & 0xffffffffn], // NAT64
  ["::", 96, (v) => v & 0xffffffffn], // IPv4-compatible (deprecated)
  ["2002::", 16, (v) => (v >> 80n) & 0xffffffffn], // 6to4
];

function v4ToInt(ip: string): bigint {
  return ip.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToInt(ip: string): bigint {
  let text = ip.toLowerCase().split("%")[0] ?? "";
  // A dotted tail (::ffff:1.2.3.4) becomes two hex groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const n = v4ToInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || "0", 16)), 0n);
}

const inRange = (value: bigint, base: bigint, bits: number, width: number) =>
  value >> BigInt(width - bits) === base >> BigInt(width - bits);

function v4Kind(n: bigint): BlockedKind | null {
  for (const [base, bits, kind] of V4) if (inRange(n, v4ToInt(base), bits, 32)) return kind;
  return null;
}

/** Why `ip` may not be reached, or null for a public address. Anything that is not an IP is refused. */
export function blockedKind(ip: string): BlockedKind | null {
  const address = ip.replace(/^\[|\]$/g, "");
  const family = isIP(address.split("%")[0] ?? "");
  if (family === 4) return v4Kind(v4ToInt(address));
  if (family !== 6) return "reserved";
  const n = v6ToInt(address);
  for (const [base, bits, kind] of V6) if (inRange(n, v6ToInt(base), bits, 128)) return kind;
  for (const [base, bits, inner] of EMBEDDED_V4) if (inRange(n, v6ToInt(base), bits, 128)) return v4Kind(inner(n));
  return null;
}

/** A literal IP in a URL's host (IPv6 in brackets), or null for a name. */
export function literalIp(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) ? bare : null;
}

/** Loopback only counts as allowed where the environment is the Local emulator. */
export const isAllowed = (kind: BlockedKind | null, allowLoopback: boolean) =>
  kind === null || (allowLoopback && kind === "loopback");
