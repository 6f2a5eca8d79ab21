/**
 * Where to go after signing in: a path on this portal, never another site. Used by the sign-in page and
 * by next-auth's `redirect` callback, so both answer the same for the same input.
 *
 * Browsers read a URL more loosely than it looks: they drop tabs and newlines, treat "\" as "/", and a
 * later decode can turn "%2F%2F" into "//". So the input is refused if any of those could make it leave
 * the origin, and what is kept is the path as the WHATWG parser resolved it (what a browser would load).
 */
const CONTROL = /[\u0000-\u001f\u007f]/;
const FALLBACK = "/";

export function safeCallbackUrl(raw: unknown, origin: string): string {
  if (typeof raw !== "string" || raw === "" || raw.length > 2048) return FALLBACK;
  const base = new URL(origin);
  if (!decodings(raw).every((form) => plausible(form, base.origin))) return FALLBACK;
  let resolved: URL;
  try {
    resolved = new URL(raw, base);
  } catch {
    return FALLBACK;
  }
  if (resolved.origin !== base.origin) return FALLBACK;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // "/.//evil.example" resolves to the path "//evil.example": as a link that is another host.
  return leavesOrigin(path) ? FALLBACK : path;
}

/** The input and what it becomes when decoded once, twice, ... (a few rounds: each one may be applied somewhere). */
function decodings(raw: string): string[] {
  const forms = [raw];
  let current = raw;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break; // a lone "%" decodes to nothing dangerous: the other forms are still checked
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/** A relative path from the root, or an absolute URL on our own origin; no control characters anywhere. */
function plausible(form: string, origin: string): boolean {
  if (CONTROL.test(form)) return false;
  if (form.startsWith("/")) return !leavesOrigin(form);
  return URL.canParse(form) && new URL(form).origin === origin;
}

const leavesOrigin = (path: string) => /^\/[/\\]/.test(path) || !path.startsWith("/");
