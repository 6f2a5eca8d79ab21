import "server-only";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { Env } from "@/lib/core/env";

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

/** Any OpenID Connect provider (Entra ID, ID-porten, Keycloak ...), switched on by OIDC_* env vars. */
export function oidcProvider(e: Env): OAuthConfig<OidcProfile> | null {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return {
        id: profile.sub,
        email: (profile.email ?? profile.preferred_username ?? "").toLowerCase(),
        name: profile.name ?? profile.email ?? profile.sub,
      };
    },
  };
}
