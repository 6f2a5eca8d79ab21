// Who a single sign-on (OIDC) sign-in becomes, decided from what the provider asserted and what the
// database holds. Pure, so every rule is tested without a provider or a database (identity-rules.test.ts);
// identities.ts reads the rows and carries the decision out.
import { z } from "zod";

/** Roles OIDC_DEFAULT_ROLE may give an unknown identity (operator only with OIDC_ALLOW_OPERATOR_DEFAULT). */
export type ProvisionRole = "operator" | "auditor";

export type OidcClaims = {
  issuer: string;
  subject: string;
  /** Lower-cased; null when the provider sent none. */
  email: string | null;
  /** Only a JSON `true` counts: a string "true" or a missing claim is a claim nobody checked. */
  emailVerified: boolean;
  name: string | null;
};

export type RefusalReason =
  | "invalid_claims"
  | "user_disabled"
  | "email_unverified"
  | "link_not_allowed"
  | "no_account"
  | "no_email"
  // Other sign-ins kept changing what this one decided on (identities.ts decides again once, then gives up).
  | "conflict";

export type OidcDecision =
  | { kind: "sign_in"; userId: string }
  | { kind: "link"; userId: string }
  | { kind: "provision"; role: ProvisionRole; email: string }
  | { kind: "refuse"; reason: RefusalReason; userId?: string };

export type OidcFacts = {
  claims: OidcClaims;
  /** The user already bound to (issuer, subject), if any. */
  bound: { id: string; disabled: boolean } | null;
  /** The local user whose e-mail is the one the provider sent, if any. */
  byEmail: { id: string; disabled: boolean; oidcLinkAllowed: boolean } | null;
  defaultRole: ProvisionRole | undefined;
};

export function decideOidcSignIn({ claims, bound, byEmail, defaultRole }: OidcFacts): OidcDecision {
  // The bond decides alone: a changed e-mail, here or at the provider, changes nothing.
  if (bound) return bound.disabled ? refuse("user_disabled", bound.id) : { kind: "sign_in", userId: bound.id };
  if (byEmail) {
    // An address in a token proves nothing by itself (some providers let users type any address), and even a
    // verified one may belong to someone else at a multi-tenant provider: both conditions, every time.
    if (byEmail.disabled) return refuse("user_disabled", byEmail.id);
    if (!claims.emailVerified) return refuse("email_unverified", byEmail.id);
    if (!byEmail.oidcLinkAllowed) return refuse("link_not_allowed", byEmail.id);
    return { kind: "link", userId: byEmail.id };
  }
  if (!defaultRole) return refuse("no_account");
  if (!claims.email) return refuse("no_email");
  return { kind: "provision", role: defaultRole, email: claims.email };
}

const refuse = (reason: RefusalReason, userId?: string): OidcDecision => ({
  kind: "refuse",
  reason,
  ...(userId ? { userId } : {}),
});

const claimsSchema = z
  .object({
    iss: z.string().min(1),
    sub: z.string().min(1).max(255),
    email: z.string().trim().toLowerCase().pipe(z.email()).optional().catch(undefined),
    email_verified: z.unknown().optional(),
    name: z.string().trim().min(1).max(200).optional().catch(undefined),
  })
  .loose();

/** The claims of the provider's (already validated) id_token, or null when issuer or subject is missing. */
export function parseOidcClaims(profile: unknown): OidcClaims | null {
  const parsed = claimsSchema.safeParse(profile);
  if (!parsed.success) return null;
  const c = parsed.data;
  return {
    issuer: c.iss,
    subject: c.sub,
    email: c.email ?? null,
    emailVerified: c.email !== undefined && c.email_verified === true,
    name: c.name ?? null,
  };
}
