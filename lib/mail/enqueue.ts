import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { kick } from "@/lib/core/jobs/boss";
import { logger } from "@/lib/core/log";
import type { MailKind, MailLocale, RenderedMail } from "@/lib/mail/templates";

export type NewMail = RenderedMail & {
  environmentId: string;
  kind: MailKind;
  recipient: string;
  locale: MailLocale;
  triggeredBy: string;
  customerId?: string | null;
  invitationId?: string | null;
  qrLink?: string | null;
  /** One message per key, whoever queues it (reminders: invitation, round and offset). */
  dedupeKey?: string | null;
};

type Tx = Prisma.TransactionClient | typeof db;

/** Adds messages to the outbox (a repeated dedupeKey adds nothing); returns the ids added. */
export async function enqueueMail(mails: NewMail[], tx: Tx = db): Promise<string[]> {
  if (mails.length === 0) return [];
  const rows = await tx.mailMessage.createManyAndReturn({
    data: mails.map((m) => ({ ...m, customerId: m.customerId ?? null, invitationId: m.invitationId ?? null })),
    skipDuplicates: true,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Asks a worker to send what is due now (after the queuing transaction committed). */
export async function requestMailDelivery(): Promise<void> {
  await kick("mail").catch((err: unknown) => logger("mail").warn(`kick failed: ${String(err)}`));
}
