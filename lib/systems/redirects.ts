// Redirect URL rules, shared by forms, the data layer and the live checker (no server-only import).

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

function parse(value: string): URL | null {
  try {
    return new URL(value.trim());
  } catch {
    return null;
  }
}

/**
 * What Altinn stores as an allowed redirect URL: absolute https (AUTH.VLD-00005). The emulator, and
 * so the portal's emulator environment, also takes http on loopback hosts.
 */
export function isRegistrableRedirectUrl(value: string, allowLoopbackHttp: boolean): boolean {
  const url = parse(value);
  if (!url) return false;
  if (url.protocol === "https:") return true;
  return allowLoopbackHttp && url.protocol === "http:" && LOOPBACK.has(url.hostname);
}

/** .NET's Uri.GetLeftPart(UriPartial.Path): scheme, host, non-default port and path; query and fragment dropped. */
export function leftPart(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export type RedirectVerdict =
  | { ok: true; matched: string }
  | {
      ok: false;
      reason: "empty" | "invalid" | "noAllowed" | "noMatch";
      closest?: { url: string; differs: "scheme" | "host" | "path" };
    };

/**
 * Would Altinn accept `candidate` as a request's redirectUrl for a system with these allowed URLs?
 * CONTRACT §4.1: AUTH-00026 when the system has none, AUTH-00021 unless scheme://host[:port]/path
 * equals one allowed URL's; the query string is free.
 */
export function checkRedirectUrl(candidate: string, allowed: readonly string[]): RedirectVerdict {
  if (!candidate.trim()) return { ok: false, reason: "empty" };
  const url = parse(candidate);
  if (!url) return { ok: false, reason: "invalid" };
  const registered = allowed.map(parse).filter((u): u is URL => u !== null);
  if (registered.length === 0) return { ok: false, reason: "noAllowed" };
  const wanted = leftPart(url);
  const hit = registered.find((u) => leftPart(u) === wanted);
  if (hit) return { ok: true, matched: hit.toString() };
  // Explain the nearest miss: same host and path but another scheme, then same host, then anything.
  const sameHostPath = registered.find((u) => u.host === url.host && u.pathname === url.pathname);
  if (sameHostPath)
    return { ok: false, reason: "noMatch", closest: { url: sameHostPath.toString(), differs: "scheme" } };
  const sameHost = registered.find((u) => u.host === url.host && u.protocol === url.protocol);
  if (sameHost) return { ok: false, reason: "noMatch", closest: { url: sameHost.toString(), differs: "path" } };
  const samePath = registered.find((u) => u.pathname === url.pathname);
  return {
    ok: false,
    reason: "noMatch",
    closest: samePath ? { url: samePath.toString(), differs: "host" } : undefined,
  };
}
