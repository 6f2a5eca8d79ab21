import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { z } from "zod";
import { env } from "@/lib/core/env";
import { clientAddress } from "@/lib/core/client-address";
import { signInWithOidc } from "@/lib/users/identities";
import { currentSessionVersion } from "@/lib/users/sessions";
import { recordSignIn, recordSignOut, signInWithPassword } from "@/lib/users/sign-in";
import { oidcProvider } from "@/lib/auth/oidc";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SIGNIN_ERRORS } from "@/lib/auth/signin-errors";

const credentials = z.object({ email: z.string().trim().toLowerCase().pipe(z.email()), password: z.string().min(1) });

export function authOptions(): NextAuthOptions {
  const e = env();
  const oidc = oidcProvider(e);
  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const { email, password } = parsed.data;
          const result = await signInWithPassword(email, password, clientAddress(asHeaders(req.headers)));
          if (result.ok) return result.user;
          // A thrown message becomes /signin?error=<message>; null becomes CredentialsSignin.
          if (result.reason === "rate_limited") throw new Error(SIGNIN_ERRORS.rateLimited);
          if (result.reason === "expired") throw new Error(SIGNIN_ERRORS.oneTimePasswordExpired);
          return null;
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      // An OIDC identity signs in as the local user bound to its issuer + subject (lib/users/identities.ts);
      // `profile` is the validated id_token's claims. The token then carries only our own user id, and every
      // request re-reads role and status from the database.
      async signIn({ user, account, profile }) {
        if (!account || account.provider === "credentials") return true;
        const result = await signInWithOidc(profile);
        if (!result.ok) return "/signin?error=AccessDenied";
        Object.assign(user, result.user);
        return true;
      },
      // The token carries the session version current at sign-in; getActor refuses it once that moves on.
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = await currentSessionVersion(user.id);
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, sessionVersion: token.sv };
      },
      // Every redirect next-auth makes (callbackUrl, OIDC's return) stays on the portal.
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackUrl(url, baseUrl)}`;
      },
    },
    events: {
      async signIn({ user, account }) {
        await recordSignIn(user.id, account?.provider ?? "unknown", clientAddress(await headers()));
      },
      async signOut({ token }) {
        if (token.sub) await recordSignOut(token.sub, token.email ?? "");
      },
    },
  };
}

/** next-auth hands authorize() the request's headers as a plain object. */
function asHeaders(raw: Record<string, unknown> | undefined): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(raw ?? {})) if (typeof value === "string") out.set(name, value);
  return out;
}
