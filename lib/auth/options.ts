import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/core/env";
import { authenticateLocal } from "@/lib/users/accounts";
import { signInWithOidc } from "@/lib/users/identities";
import { oidcProvider } from "@/lib/auth/oidc";

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
        async authorize(raw) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const user = await authenticateLocal(parsed.data.email, parsed.data.password);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
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
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  };
}
