import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { env } from "@/lib/core/env";
import { openSecret, sealSecret } from "@/lib/core/master-key";

// The client administrator's login lives only in an AES-GCM sealed, httpOnly cookie: the browser
// holds it but can neither read nor forge it, and no token ever reaches page JavaScript.
export const SESSION_COOKIE = "clients_session";
export const LOGIN_COOKIE = "clients_login";
const SESSION_AAD = "clients-session";
const LOGIN_AAD = "clients-login";

const sessionSchema = z.object({ env: z.string(), token: z.string(), exp: z.number(), sub: z.string() });
/** `sub` is ID-porten's pairwise id for the person (never the national id number). */
export type ClientSession = z.infer<typeof sessionSchema>;

// `job`: the assign-all job page the login was started from, to return there (a uuid, never a free URL).
const loginSchema = z.object({
  env: z.string(),
  org: z.string(),
  state: z.string(),
  verifier: z.string(),
  nonce: z.string(),
  job: z.uuid().optional(),
});
export type PendingLogin = z.infer<typeof loginSchema>;

const secure = () => new URL(env().PORTAL_URL).protocol === "https:";

export function sealSession(s: ClientSession): string {
  return sealSecret(JSON.stringify(s), SESSION_AAD);
}

/** Null for a missing, tampered or expired session (a few seconds of margin for the call it is about to make). */
export function openSession(value: string | undefined, now = Date.now()): ClientSession | null {
  if (!value) return null;
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(openSecret(value, SESSION_AAD)));
    return parsed.success && parsed.data.exp * 1000 > now + 5_000 ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function readSession(envSlug: string): Promise<ClientSession | null> {
  const s = openSession((await cookies()).get(SESSION_COOKIE)?.value);
  return s && s.env === envSlug ? s : null;
}

export async function writeSession(s: ClientSession): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, sealSession(s), {
    httpOnly: true,
    sameSite: "lax",
    secure: secure(),
    path: "/clients",
    maxAge: Math.max(0, Math.floor(s.exp - Date.now() / 1000)),
  });
}

export async function clearSession(): Promise<void> {
  (await cookies()).delete({ name: SESSION_COOKIE, path: "/clients" });
}

export async function writePendingLogin(p: PendingLogin): Promise<void> {
  (await cookies()).set(LOGIN_COOKIE, sealSecret(JSON.stringify(p), LOGIN_AAD), {
    httpOnly: true,
    sameSite: "lax",
    secure: secure(),
    path: "/clients",
    maxAge: 600,
  });
}

/** Single use: read and delete. */
export async function takePendingLogin(): Promise<PendingLogin | null> {
  const jar = await cookies();
  const value = jar.get(LOGIN_COOKIE)?.value;
  jar.delete({ name: LOGIN_COOKIE, path: "/clients" });
  if (!value) return null;
  try {
    const parsed = loginSchema.safeParse(JSON.parse(openSecret(value, LOGIN_AAD)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
