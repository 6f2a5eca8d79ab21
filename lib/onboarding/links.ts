import "server-only";
import { auditActor } from "@/lib/audit/actor";
import type { Scope } from "@/lib/environments/types";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { AppError, invalidInput, notFound } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/ids";
import { externalRefFor } from "@/lib/customers/derived-ref";
import { orgNoSchema } from "@/lib/requests/schema";
import { findPublicSystemById } from "@/lib/systems/queries";
import { getRequestView } from "@/lib/requests/queries";
import { startPublic } from "@/lib/onboarding/flow";
import { isCurrentLink, linkKeys, openLinkToken, sealLinkToken } from "@/lib/onboarding/link-token";

// Per-customer onboarding links, like Stripe's account links: signed, expiring, and regenerating one
// invalidates the older ones (the row's generation moves on).

export const LINK_DAYS = 7;
const keys = () => linkKeys(env().NEXTAUTH_SECRET);

export function linkUrl(token: string): string {
  return new URL(`/onboard/l/${token}`, env().PORTAL_URL).toString();
}

/** Creates, or regenerates, the link for the request's system and customer. */
export async function createOnboardingLink(scope: Scope, requestId: string, days = LINK_DAYS) {
  assertCan(scope.actor, "requests.create");
  await getRequestView(scope, requestId); // 404 for an unknown id or one of another environment
  const r = await db.systemUserRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { systemId: true, customerId: true },
  });
  return issueLink(scope, r.systemId, r.customerId, days);
}

/**
 * The same for a system (our id) and an org number, before any request exists (the API): a customer
 * first seen here is added with the externalRef a request for it would derive.
 */
export async function createOnboardingLinkFor(
  scope: Scope,
  input: { systemId: string; orgNo: string },
  days = LINK_DAYS,
) {
  const { actor, environment } = scope;
  assertCan(actor, "requests.create");
  assertCan(actor, "customers.manage");
  const orgNo = orgNoSchema.safeParse(input.orgNo);
  if (!orgNo.success) throw invalidInput(orgNo.error);
  const system = isUuid(input.systemId)
    ? await db.system.findFirst({
        where: { id: input.systemId, environmentId: environment.id },
        select: { id: true, altinnInternalId: true },
      })
    : null;
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  if (!system.altinnInternalId)
    throw new AppError(
      "system_not_registered",
      { nb: "Systemet er ikke registrert i Altinn ennå.", en: "The system is not registered in Altinn yet." },
      409,
    );
  const customer = await db.customer.upsert({
    where: { environmentId_orgNo: { environmentId: environment.id, orgNo: orgNo.data } },
    create: {
      environmentId: environment.id,
      orgNo: orgNo.data,
      externalRef: externalRefFor(environment.id, orgNo.data),
    },
    update: {},
    select: { id: true },
  });
  return issueLink(scope, system.id, customer.id, days);
}

async function issueLink({ actor }: Scope, systemId: string, customerId: string, days: number) {
  assertCan(actor, "requests.create");
  const [system, customer] = await Promise.all([
    db.system.findUniqueOrThrow({
      where: { id: systemId },
      select: { systemId: true, deletedAt: true, environment: { select: { id: true } } },
    }),
    db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { orgNo: true } }),
  ]);
  const environment = system.environment;
  if (system.deletedAt)
    throw new AppError(
      "system_deleted",
      {
        nb: "Systemet er slettet i Altinn; det kan ikke lages lenker til det.",
        en: "The system was deleted in Altinn; no links can be made for it.",
      },
      409,
    );
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  // An API key is not a portal user: its id would name no one here (the audit entry names the key).
  const createdById = actor.apiKey ? null : actor.id;
  return db.$transaction(async (tx) => {
    const link = await tx.onboardingLink.upsert({
      where: { systemId_customerId: { systemId, customerId } },
      create: { systemId, customerId, expiresAt, createdById },
      update: { generation: { increment: 1 }, expiresAt, createdById },
      select: { id: true, generation: true },
    });
    const token = await sealLinkToken({ lid: link.id, gen: link.generation }, keys(), expiresAt);
    await recordAudit(
      {
        actor: auditActor(actor),
        action: link.generation === 1 ? "onboarding_link.create" : "onboarding_link.regenerate",
        target: { type: "onboarding_link", id: link.id },
        outcome: "success",
        environmentId: environment.id,
        detail: {
          orgNo: customer.orgNo,
          systemId: system.systemId,
          generation: link.generation,
          expiresAt: expiresAt.toISOString(),
        },
      },
      tx,
    );
    return { url: linkUrl(token), expiresAt, generation: link.generation };
  });
}

/**
 * What the public link page may show; null for every kind of bad link, so they all look the same. The
 * token names only the row; the row names system, customer and environment.
 */
export async function resolveOnboardingLink(token: string) {
  const claims = await openLinkToken(token, keys());
  if (!claims) return null;
  const row = await db.onboardingLink.findUnique({
    where: { id: claims.lid },
    select: {
      generation: true,
      expiresAt: true,
      systemId: true,
      customer: { select: { orgNo: true } },
      system: { select: { environment: { select: { slug: true } } } },
    },
  });
  if (!row || !isCurrentLink(claims, row)) return null;
  // Signed links work whether or not the system's open page is on; a deleted system onboards no one.
  const system = await findPublicSystemById(row.systemId);
  if (!system) return null;
  const orgNo = row.customer.orgNo;
  return {
    system,
    orgNo,
    maskedOrgNo: maskOrgNo(orgNo),
    envSlug: row.system.environment.slug,
    expiresAt: row.expiresAt,
  };
}

/** The link's button: create or reuse the request for exactly the link's org, then on to Altinn. */
export async function startFromLink(token: string): Promise<string> {
  const link = await resolveOnboardingLink(token);
  if (!link) throw invalidLink();
  return startPublic(link.system, link.orgNo);
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
