import "server-only";
import { db } from "@/lib/core/db";
import { logger } from "@/lib/core/log";
import { mailBrand } from "@/lib/mail/brand";
import { connectedPairs } from "@/lib/mail/connected";
import { enqueueMail, requestMailDelivery, type NewMail } from "@/lib/mail/enqueue";
import { wakeAt } from "@/lib/mail/reminders-wake";
import { stopLinkFor } from "@/lib/mail/stop-token";
import { renderMail, type MailLocale } from "@/lib/mail/templates";

const MINUTE = 60_000;

/** When a reminder at `offset` minutes is due: after the invitation (positive) or before its link expires. */
export const reminderDueAt = (inv: { sentAt: Date; linkExpiresAt: Date }, offset: number) =>
  new Date((offset > 0 ? inv.sentAt : inv.linkExpiresAt).getTime() + offset * MINUTE);

/**
 * The `mail-reminders` queue (every minute): for each open invitation, queue the reminders whose time
 * has come, and the confirmation once the customer is connected. Each is keyed (invitation, round,
 * offset), so runs in several processes, or one after a restart, never queue one twice; a reminder whose
 * time passed long before (the portal was down) is queued once, late, rather than not at all.
 */
export async function queueDueReminders(opts: { environmentIds?: string[] } = {}) {
  const now = new Date();
  const invitations = await db.mailInvitation.findMany({
    where: {
      linkExpiresAt: { gt: new Date(now.getTime() - 7 * 24 * 60 * MINUTE) },
      ...(opts.environmentIds ? { environmentId: { in: opts.environmentIds } } : {}),
    },
    select: {
      id: true,
      environmentId: true,
      customerId: true,
      systemId: true,
      linkUrl: true,
      linkExpiresAt: true,
      round: true,
      sentAt: true,
    },
  });
  const settings = new Map(
    (await db.mailSettings.findMany({ select: { environmentId: true, reminderOffsets: true } })).map((s) => [
      s.environmentId,
      s.reminderOffsets,
    ]),
  );
  const state = await invitationState(invitations);
  const mails: NewMail[] = [];
  let next: Date | null = null;
  for (const inv of invitations) {
    const contact = state.contacts.get(inv.customerId);
    if (!contact) continue;
    const locale = contact.locale as MailLocale;
    const base = {
      environmentId: inv.environmentId,
      recipient: contact.email,
      locale,
      customerId: inv.customerId,
      invitationId: inv.id,
      triggeredBy: "reminders",
    };
    if (state.connected.has(`${inv.customerId}:${inv.systemId}`)) {
      // Queued once per round; the scan runs every minute, so look before rendering it again.
      if (state.queued.has(`confirmation:${inv.id}:${inv.round}`)) continue;
      const brand = await mailBrand(inv.environmentId, inv.systemId, locale);
      mails.push({
        ...base,
        ...renderMail("confirmation", locale, { brand }),
        kind: "confirmation",
        dedupeKey: `confirmation:${inv.id}:${inv.round}`,
      });
      continue;
    }
    if (contact.remindersStoppedAt || inv.linkExpiresAt <= now) continue;
    const offsets = settings.get(inv.environmentId) ?? [];
    for (const o of offsets) {
      const at = reminderDueAt(inv, o);
      if (at > now && at >= inv.sentAt && (!next || at < next)) next = at;
    }
    const due = offsets.filter((o) => {
      const at = reminderDueAt(inv, o);
      return at <= now && at >= inv.sentAt;
    });
    if (due.length === 0) continue;
    const brand = await mailBrand(inv.environmentId, inv.systemId, locale);
    const rendered = renderMail(
      "reminder",
      locale,
      { brand, link: inv.linkUrl, linkExpiresAt: inv.linkExpiresAt, stopLink: stopLinkFor(inv.customerId) },
      true,
    );
    for (const o of due)
      mails.push({
        ...base,
        ...rendered,
        kind: "reminder",
        qrLink: inv.linkUrl,
        dedupeKey: `reminder:${inv.id}:${inv.round}:${o}`,
      });
  }
  const added = await enqueueMail(mails);
  wakeAt(next);
  if (added.length > 0) {
    logger("mail").info({ queued: added.length }, "reminders and confirmations queued");
    await requestMailDelivery();
  }
  return added;
}

/**
 * What the scan needs about every open invitation, in four statements rather than three per invitation:
 * the contacts, which (customer, system) pairs are connected, and the confirmations already queued.
 */
async function invitationState(invitations: { id: string; customerId: string; systemId: string; round: number }[]) {
  const customerIds = [...new Set(invitations.map((i) => i.customerId))];
  const [contacts, connected, queued] = await Promise.all([
    db.customerMailContact.findMany({ where: { customerId: { in: customerIds } } }),
    connectedPairs(customerIds),
    db.mailMessage.findMany({
      where: { dedupeKey: { in: invitations.map((i) => `confirmation:${i.id}:${i.round}`) } },
      select: { dedupeKey: true },
    }),
  ]);
  return {
    contacts: new Map(contacts.map((c) => [c.customerId, c])),
    connected,
    queued: new Set(queued.map((m) => m.dedupeKey)),
  };
}
