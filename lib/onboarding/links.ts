import "server-only";
import { auditActor } from "@/lib/audit/actor";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { AppError } from "@/lib/core/errors";
import { findPublicSystem } from "@/lib/systems/queries";
import { getRequestView } from "@/lib/requests/queries";
import { startOnboarding } from "@/lib/onboarding/flow";
import { isCurrentLink, linkKey, signLinkToken, verifyLinkToken } from "@/lib/onboarding/link-token";

// Per-customer onboarding links, like Stripe's account links: signed, expiring, and regenerating one
// invalidates the older ones (the row's generation moves on).

export const LINK_DAYS = 7;
const key = () => linkKey(env().NEXTAUTH_SECRET);

export function linkUrl(token: string): string {
  return new URL(`/onboard/l/${token}`, env().PORTAL_URL).toString();
}

/** Creates, or regenerates, the link for the request's system and customer. */
export async function createOnboardingLink(scope: Scope, requestId: string, days = LINK_DAYS) {
  const { actor } = scope;
  assertCan(actor, "requests.create");
  await getRequestView(scope, requestId); // 404 for an unknown id or one of another environment
  const r = await db.systemUserRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      systemId: true,
      customerId: true,
      customer: { select: { orgNo: true } },
      system: { select: { systemId: true, deletedAt: true, environment: { select: { id: true, slug: true } } } },
    },
  });
  const environment = r.system.environment;
  if (r.system.deletedAt)
    throw new AppError(
      "system_deleted",
      {
        nb: "Systemet er slettet i Altinn; det kan ikke lages lenker til det.",
        en: "The system was deleted in Altinn; no links can be made for it.",
      },
      409,
    );
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  return db.$transaction(async (tx) => {
    const link = await tx.onboardingLink.upsert({
      where: { systemId_customerId: { systemId: r.systemId, customerId: r.customerId } },
      create: { systemId: r.systemId, customerId: r.customerId, expiresAt, createdById: actor.id },
      update: { generation: { increment: 1 }, expiresAt, createdById: actor.id },
      select: { id: true, generation: true },
    });
    const token = await signLinkToken(
      { lid: link.id, gen: link.generation, env: environment.slug, sys: r.system.systemId, org: r.customer.orgNo },
      key(),
      expiresAt,
    );
    await recordAudit(
      {
        actor: auditActor(actor),
        action: link.generation === 1 ? "onboarding_link.create" : "onboarding_link.regenerate",
        target: { type: "onboarding_link", id: link.id },
        outcome: "success",
        environmentId: environment.id,
        detail: {
          orgNo: r.customer.orgNo,
          systemId: r.system.systemId,
          generation: link.generation,
          expiresAt: expiresAt.toISOString(),
        },
      },
      tx,
    );
    return { url: linkUrl(token), expiresAt, generation: link.generation };
  });
}

/** What the public link page may show; null for every kind of bad link, so they all look the same. */
export async function resolveOnboardingLink(token: string) {
  const claims = await verifyLinkToken(token, key());
  if (!claims) return null;
  const row = await db.onboardingLink.findUnique({
    where: { id: claims.lid },
    select: {
      generation: true,
      expiresAt: true,
      customer: { select: { orgNo: true } },
      system: { select: { systemId: true } },
    },
  });
  if (!isCurrentLink(claims, row) || row?.customer.orgNo !== claims.org || row.system.systemId !== claims.sys)
    return null;
  const system = await findPublicSystem(claims.env, claims.sys);
  if (!system) return null;
  return {
    system,
    orgNo: claims.org,
    maskedOrgNo: maskOrgNo(claims.org),
    envSlug: claims.env,
    expiresAt: row.expiresAt,
  };
}

/** The link's button: create or reuse the request for exactly the link's org, then on to Altinn. */
export async function startFromLink(token: string): Promise<string> {
  const link = await resolveOnboardingLink(token);
  if (!link) throw invalidLink();
  return startOnboarding(link.envSlug, link.system.systemId, link.orgNo);
}

/** Enough for the customer to recognise their own organisation, little for whoever finds a forwarded link. */
export const maskOrgNo = (orgNo: string) => `${"•".repeat(Math.max(0, orgNo.length - 3))}${orgNo.slice(-3)}`;

export const invalidLink = () =>
  new AppError(
    "invalid_link",
    {
      nb: "Lenken virker ikke lenger. Be leverandøren om en ny lenke.",
      en: "This link no longer works. Ask the vendor for a new link.",
    },
    410,
  );
