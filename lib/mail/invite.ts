import "server-only";
import { auditActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record";
import { assertCan } from "@/lib/auth/actor";
import { db } from "@/lib/core/db";
import { kick } from "@/lib/core/jobs/boss";
import { notFound } from "@/lib/core/errors";
import type { Scope } from "@/lib/environments/types";
import { createOnboardingLinkFor } from "@/lib/onboarding/links";
import { mailBrand } from "@/lib/mail/brand";
import { isConnected } from "@/lib/mail/connected";
import { enqueueMail, requestMailDelivery } from "@/lib/mail/enqueue";
import { inviteSchema, parseOr400 } from "@/lib/mail/schema";
import { renderMail, type MailLocale } from "@/lib/mail/templates";

/** Invitation links live a month: long enough for reminders days apart and one a week before the end. */
export const INVITE_LINK_DAYS = 30;

export type InviteReport = { queued: string[]; noContact: string[]; connected: string[] };

/**
 * Sends the invitation (signed link and QR code) to each customer's contact for one system. Sending again
 * makes a new link (the old one stops working) and starts the reminders over. Customers without a contact
 * e-mail, and those already connected, are reported and skipped.
 */
export async function sendInvitations(scope: Scope, input: { systemId: string; customerIds: string[] }) {
  const { actor, environment } = scope;
  assertCan(actor, "customers.manage");
  assertCan(actor, "requests.create");
  const { systemId, customerIds } = parseOr400(inviteSchema, input);
  // Another environment's system is simply not found (ADR 004), before anything is queued or audited.
  const system = await db.system.findFirst({
    where: { id: systemId, environmentId: environment.id },
    select: { id: true },
  });
  if (!system) throw notFound({ nb: "systemet", en: "System" });
  const customers = await db.customer.findMany({
    where: { id: { in: customerIds }, environmentId: environment.id },
    select: { id: true, orgNo: true, mailContact: { select: { email: true, locale: true } } },
  });
  const report: InviteReport = { queued: [], noContact: [], connected: [] };
  for (const c of customers) {
    if (!c.mailContact) {
      report.noContact.push(c.orgNo);
      continue;
    }
    if (await isConnected(c.id, systemId)) {
      report.connected.push(c.orgNo);
      continue;
    }
    const link = await createOnboardingLinkFor(scope, { systemId, orgNo: c.orgNo }, INVITE_LINK_DAYS);
    const locale = c.mailContact.locale as MailLocale;
    const brand = await mailBrand(environment.id, systemId, locale);
    const rendered = renderMail("invitation", locale, { brand, link: link.url, linkExpiresAt: link.expiresAt }, true);
    await db.$transaction(async (tx) => {
      const inv = await tx.mailInvitation.upsert({
        where: { customerId_systemId: { customerId: c.id, systemId } },
        create: {
          environmentId: environment.id,
          customerId: c.id,
          systemId,
          linkUrl: link.url,
          linkExpiresAt: link.expiresAt,
        },
        update: { linkUrl: link.url, linkExpiresAt: link.expiresAt, round: { increment: 1 }, sentAt: new Date() },
        select: { id: true, round: true },
      });
      // A new invitation starts the reminders over, including for a customer who had stopped them.
      await tx.customerMailContact.update({ where: { customerId: c.id }, data: { remindersStoppedAt: null } });
      await enqueueMail(
        [
          {
            ...rendered,
            environmentId: environment.id,
            kind: "invitation",
            recipient: c.mailContact!.email,
            locale,
            triggeredBy: actor.email,
            customerId: c.id,
            invitationId: inv.id,
            qrLink: link.url,
            dedupeKey: `invitation:${inv.id}:${inv.round}`,
          },
        ],
        tx,
      );
    });
    report.queued.push(c.orgNo);
  }
  await recordAudit({
    actor: auditActor(actor),
    action: "mail.invitations_send",
    target: { type: "system", id: systemId },
    outcome: "success",
    environmentId: environment.id,
    detail: report,
  });
  await requestMailDelivery();
  // A scan now sets the timer for this invitation's first reminder (lib/mail/reminders-wake.ts).
  await kick("mail-reminders").catch(() => undefined);
  return report;
}
