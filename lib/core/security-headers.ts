// The security headers of every response, built per request by proxy.ts. Pure (no env, no request
// objects), so the rules are unit-tested here and the proxy only gathers the facts.

export type RequestKind = "document" | "api" | "asset";

// Files by their type, not by "has a dot": an onboarding link's token (a JWT) has dots too.
const FILE = /\.(svg|png|ico|jpe?g|webp|gif|txt|xml|webmanifest|css|js|map|woff2?)$/i;

/** API answers and files get the plain headers; everything else may be an HTML page and gets the CSP. */
export function requestKind(pathname: string): RequestKind {
  if (pathname === "/api" || pathname.startsWith("/api/")) return "api";
  if (pathname.startsWith("/_next/static/") || pathname.startsWith("/_next/image") || FILE.test(pathname))
    return "asset";
  return "document";
}

// Paths whose URL is a credential or names one: the per-customer onboarding link, Altinn's callback
// (ref names the request), ID-porten's and the OIDC provider's callbacks (code, state).
const TOKEN_PATHS = [
  /^\/onboard\/l\//,
  /^\/onboard\/callback(\/|$)/,
  /^\/clients\/callback(\/|$)/,
  /^\/api\/auth\/callback\//,
];
const TOKEN_PARAMS = ["token", "code", "state", "ref"];

/** Whether the URL carries a secret: then it must not leak in a Referer or stay in a cache. */
export function carriesToken(pathname: string, search: URLSearchParams): boolean {
  return TOKEN_PATHS.some((p) => p.test(pathname)) || TOKEN_PARAMS.some((k) => search.has(k));
}

/** Where the public onboarding forms end up: their routes answer 303 to Altinn's confirm page. */
const onboardingPage = (pathname: string) => pathname.startsWith("/onboard/");

export type CspInput = {
  nonce: string;
  dev: boolean;
  /** The page's forms may be redirected to Altinn (see formAction below). */
  formsLeadToAltinn: boolean;
  /** The portal runs on http loopback (a laptop, the tests): the emulator's confirm page is http there too. */
  loopbackPortal: boolean;
};

/**
 * form-action governs the whole redirect chain of a form submission in Chromium. The onboarding forms
 * are answered with 303 to Altinn's confirm page, on a host from the environment's allowlist, which
 * lives in the database and is changed at run time by admins; a policy computed before the page renders
 * cannot list it. Those pages therefore allow any https target (the exact host is enforced by the
 * server before it redirects: isAllowedConfirmUrl), and http loopback only when the portal itself runs
 * there (the emulator). Every other page posts to the portal only.
 */
function formAction({ formsLeadToAltinn, loopbackPortal }: CspInput): string {
  if (!formsLeadToAltinn) return "'self'";
  // CSP host sources cannot name an IPv6 literal, so [::1] is not listed (the emulator runs on 127.0.0.1).
  const loopback = loopbackPortal ? " http://127.0.0.1:* http://localhost:*" : "";
  return `'self' https:${loopback}`;
}

export function contentSecurityPolicy(input: CspInput): string {
  const { nonce, dev } = input;
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced Next runtime loads are trusted; nothing inline without the nonce.
    // React needs eval only in development (its debugging stacks).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Tailwind is one built stylesheet ('self'); Next puts the nonce on any <style> it renders. The dev
    // server injects styles from script without one, so development allows inline styles (a nonce would
    // switch 'unsafe-inline' off).
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    // Development's hot reload talks over a WebSocket to the same host.
    dev ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formAction(input)}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

const PERMISSIONS = [
  "accelerometer",
  "camera",
  "geolocation",
  "gyroscope",
  "magnetometer",
  "microphone",
  "payment",
  "usb",
  "serial",
  "hid",
];

export type HeaderInput = {
  pathname: string;
  search: URLSearchParams;
  /** The request came over https (the socket, or X-Forwarded-Proto from the trusted hop), or the portal's URL is https. */
  https: boolean;
  dev: boolean;
  loopbackPortal: boolean;
  nonce: string;
};

/** The response headers for one request; the CSP only for documents. */
export function securityHeaders(input: HeaderInput): Record<string, string> {
  const kind = requestKind(input.pathname);
  const token = carriesToken(input.pathname, input.search);
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": token ? "no-referrer" : "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS.map((p) => `${p}=()`).join(", "),
  };
  if (input.https) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  if (token) headers["cache-control"] = "no-store";
  if (kind === "document")
    headers["content-security-policy"] = contentSecurityPolicy({
      nonce: input.nonce,
      dev: input.dev,
      formsLeadToAltinn: onboardingPage(input.pathname),
      loopbackPortal: input.loopbackPortal,
    });
  return headers;
}
