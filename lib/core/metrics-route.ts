// The route label of an HTTP request or an outbound call: the path with every id-like segment replaced by
// ":id", so the number of label values (each one a time series in Prometheus) stays bounded however many
// customers, requests and tokens there are. Pure: the custom server and lib/calls/log.ts both use it.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// cuid / cuid2: a letter and 20+ lower-case letters and digits.
const CUID = /^[a-z][a-z0-9]{19,}$/;
// Signed links, API keys, base62/base64url tokens: long, URL-safe, with a digit or mixed case in them.
const TOKEN = /^[A-Za-z0-9_~.-]{16,}$/;
// Org numbers (9 digits) and other long digit runs inside a segment, e.g. Altinn system ids "312345678_erp".
const DIGIT_RUN = /\d{5,}/;
const MAX_SEGMENTS = 8;
const MAX_SEGMENT = 48;

function isId(segment: string): boolean {
  if (/^\d+$/.test(segment) || UUID.test(segment) || DIGIT_RUN.test(segment)) return true;
  if (segment.length > MAX_SEGMENT) return true;
  if (CUID.test(segment) && /\d/.test(segment)) return true;
  return TOKEN.test(segment) && (/\d/.test(segment) || (/[a-z]/.test(segment) && /[A-Z]/.test(segment)));
}

/** "/api/v1/requests/3f0c…/renew?x=1" → "/api/v1/requests/:id/renew". */
export function normaliseRoute(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? "";
  // Build output: one label for every hashed chunk and asset.
  if (bare.startsWith("/_next/static/")) return "/_next/static/*";
  const decoded = bare
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  const deep = decoded.length > MAX_SEGMENTS;
  const segments = decoded.slice(0, MAX_SEGMENTS).map((s) => (isId(s) ? ":id" : s.toLowerCase()));
  return `/${segments.join("/")}${deep ? "/*" : ""}`;
}

/**
 * The label for a request the server answered. Not-found answers share one label: scanners probe
 * thousands of made-up paths, and each would otherwise become a time series of its own.
 */
export function routeLabel(path: string, status: number): string {
  return status === 404 ? "(not found)" : normaliseRoute(path);
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The method as a label: a client may send any token as its method, which must not mint series either. */
export function methodLabel(method: string | undefined): string {
  const m = (method ?? "GET").toUpperCase();
  return METHODS.has(m) ? m : "OTHER";
}
