import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import {
  decideOidcSignIn,
  parseOidcClaims,
  type OidcClaims,
  type OidcDecision,
  type ProvisionRole,
} from "@/lib/users/identity-rules";

// Single sign-on: an OIDC identity is (issuer, subject), bound once to a local user and found by that
// bond ever after (ADR 017). The rules are in identity-rules.ts; this file reads the rows they need and
// carries the decision out, auditing every refusal and every new bond.

const OIDC: AuditActor = { type: "system", label: "oidc" };
const user = { id: true, email: true, name: true } as const;

export type OidcSignIn = { ok: true; user: { id: string; email: string; name: string } } | { ok: false };

/** What the environment allows for identities nobody has bound yet. */
export const oidcPolicy = (): { defaultRole: ProvisionRole | undefined } => ({ defaultRole: env().OIDC_DEFAULT_ROLE });

/** Another sign-in changed what this one decided on; decide again. */
const RACED = "raced" as const;

const uniqueViolation = (err: unknown) =>
  typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

/**
 * The local user a provider's validated id_token claims sign in as, or a refusal. Two first sign-ins of one
 * identity at once race for the bond (unique issuer + subject) or for the one-shot link flag; the loser
 * decides again from what the winner wrote, and so finds the bond.
 */
export async function signInWithOidc(profile: unknown, policy = oidcPolicy()): Promise<OidcSignIn> {
  const claims = parseOidcClaims(profile);
  if (!claims) {
    await refuse({ kind: "refuse", reason: "invalid_claims" }, null);
    return { ok: false };
  }
  for (let attempt = 1; ; attempt++) {
    const result = await decideAndApply(claims, policy).catch((err: unknown) => {
      if (uniqueViolation(err)) return RACED;
      throw err;
    });
    if (result !== RACED) return result;
    if (attempt === 2) {
      await refuse({ kind: "refuse", reason: "conflict" }, claims);
      return { ok: false };
    }
  }
}

async function decideAndApply(
  claims: OidcClaims,
  policy: { defaultRole: ProvisionRole | undefined },
): Promise<OidcSignIn | typeof RACED> {
  const where = { issuer_subject: { issuer: claims.issuer, subject: claims.subject } };
  const identity = await db.userIdentity.findUnique({
    where,
    select: { user: { select: { id: true, disabled: true } } },
  });
  const byEmail =
    identity || !claims.email
      ? null
      : await db.user.findUnique({
          where: { email: claims.email },
          select: { id: true, disabled: true, oidcLinkAllowed: true, mustChangePassword: true },
        });
  const decision = decideOidcSignIn({
    claims,
    bound: identity?.user ?? null,
    byEmail,
    defaultRole: policy.defaultRole,
  });
  switch (decision.kind) {
    case "sign_in": {
      const bound = await db.userIdentity.update({
        where,
        data: { lastUsedAt: new Date() },
        select: { user: { select: user } },
      });
      return { ok: true, user: bound.user } as const;
    }
    case "link":
      return link(claims, decision.userId, byEmail?.mustChangePassword ?? false);
    case "provision":
      return provision(claims, decision.role, decision.email);
    case "refuse":
      await refuse(decision, claims);
      return { ok: false } as const;
  }
}

async function link(claims: OidcClaims, userId: string, unusedOneTimePassword: boolean) {
  const linked = await db.$transaction(async (tx) => {
    // One-shot: the flag is taken in the same statement that checks it, so two identities cannot both use it.
    const taken = await tx.user.updateMany({
      where: { id: userId, oidcLinkAllowed: true, disabled: false },
      // A one-time password nobody used yet is a spare credential once the person signs in through the
      // provider; keeping it would also send them to "choose a new password" they cannot answer.
      data: {
        oidcLinkAllowed: false,
        ...(unusedOneTimePassword ? { passwordHash: null, mustChangePassword: false } : {}),
      },
    });
    if (taken.count === 0) return null;
    const now = new Date();
    await tx.userIdentity.create({
      data: { userId, issuer: claims.issuer, subject: claims.subject, createdAt: now, lastUsedAt: now },
    });
    await recordAudit(
      {
        actor: OIDC,
        action: "user.identity.link",
        target: { type: "user", id: userId },
        outcome: "success",
        detail: {
          issuer: claims.issuer,
          subject: claims.subject,
          email: claims.email,
          oneTimePasswordVoided: unusedOneTimePassword,
        },
      },
      tx,
    );
    return tx.user.findUniqueOrThrow({ where: { id: userId }, select: user });
  });
  // The flag was taken between our read and our update: by this identity's other sign-in, or by another one.
  return linked ? ({ ok: true, user: linked } as const) : RACED;
}

async function provision(claims: OidcClaims, role: ProvisionRole, email: string): Promise<OidcSignIn> {
  const created = await db.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: {
        email,
        name: claims.name ?? email,
        role,
        identities: { create: { issuer: claims.issuer, subject: claims.subject, lastUsedAt: new Date() } },
      },
      select: user,
    });
    await recordAudit(
      {
        actor: OIDC,
        action: "user.provision",
        target: { type: "user", id: u.id },
        outcome: "success",
        detail: { email, role, issuer: claims.issuer, subject: claims.subject, emailVerified: claims.emailVerified },
      },
      tx,
    );
    return u;
  });
  return { ok: true, user: created };
}

/** Audits a refused sign-in with its reason and what the provider claimed; never a token. */
async function refuse(decision: Extract<OidcDecision, { kind: "refuse" }>, claims: OidcClaims | null) {
  await recordAudit({
    actor: OIDC,
    action: "auth.signin.failure",
    target: { type: "user", id: decision.userId ?? null },
    outcome: "failure",
    detail: {
      method: "oidc",
      reason: decision.reason,
      ...(claims
        ? { issuer: claims.issuer, subject: claims.subject, email: claims.email, emailVerified: claims.emailVerified }
        : {}),
    },
  });
}
