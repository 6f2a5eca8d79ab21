import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { authOptions } from "@/lib/auth/options";

// next-auth's own names (its defaultCookies): "__Secure-" when the portal's URL is https.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** The session cookie this request came with (next-auth v4 only splits tokens over ~4 KB; ours are small). */
async function currentSessionCookie() {
  const jar = await cookies();
  const configured = authOptions().cookies?.sessionToken?.name;
  for (const name of configured ? [configured] : SESSION_COOKIES) {
    const cookie = jar.get(name);
    if (cookie) return { jar, name, value: cookie.value };
  }
  return null;
}

/**
 * After ending the user's other sessions (a password change), this session carries on: its token is
 * issued again with the new session version, as next-auth would (same cookie, same options, fresh expiry).
 * Only from a server action or route handler, where the response can still set cookies.
 */
export async function reissueSession(sessionVersion: number): Promise<void> {
  const found = await currentSessionCookie();
  if (!found) return;
  const options = authOptions();
  const secret = options.secret ?? "";
  const token = await decode({ token: found.value, secret });
  if (!token) return;
  const maxAge = options.session?.maxAge ?? 30 * 24 * 60 * 60;
  const value = await encode({ token: { ...token, sv: sessionVersion }, secret, maxAge });
  found.jar.set(found.name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: found.name.startsWith("__Secure-"),
    expires: new Date(Date.now() + maxAge * 1000),
  });
}

/** Drops this browser's session cookie (its token is already worthless once the version moved on). */
export async function dropSession(): Promise<void> {
  const found = await currentSessionCookie();
  if (found) found.jar.delete({ name: found.name, path: "/", secure: found.name.startsWith("__Secure-") });
}
