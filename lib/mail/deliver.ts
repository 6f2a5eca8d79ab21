import "server-only";
import { db } from "@/lib/core/db";
import { logger } from "@/lib/core/log";
import { isConnected } from "@/lib/mail/connected";
import { claimMail, settleCancelled, settleFailed, settleSent, type ClaimedMail } from "@/lib/mail/outbox";
import { transportSettings } from "@/lib/mail/settings";
import { stopLinkFor } from "@/lib/mail/stop-token";
import { openSmtp, sendWithSmtp, type SmtpTransport } from "@/lib/mail/transport";

export type MailDeliverOptions = {
  /** Waits before each retry; after the last one the message has failed. */
  schedule?: readonly number[];
  leaseMs?: number;
  /** Only these messages (tests keep to their own). */
  ids?: string[];
};

const MINUTE = 60_000;
// An SMTP outage delays mail, it does not lose it: retries for about a day and a half.
export const MAIL_RETRY_SCHEDULE_MS: readonly number[] = [
  30_000,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  2 * 60 * MINUTE,
  6 * 60 * MINUTE,
  12 * 60 * MINUTE,
  12 * 60 * MINUTE,
];
// Far longer than one send (timeouts of 10 s): a lease never runs out while its send is under way.
const LEASE_MS = 120_000;
const log = logger("mail");

/** Why this message must not go now, or null. Asked at send time, not only when it was queued. */
async function holdBack(row: ClaimedMail): Promise<string | null> {
  if (!row.customerId || !["invitation", "reminder"].includes(row.kind)) return null;
  const [invitation, contact] = await Promise.all([
    row.invitationId
      ? db.mailInvitation.findUnique({ where: { id: row.invitationId }, select: { systemId: true } })
      : null,
    db.customerMailContact.findUnique({ where: { customerId: row.customerId }, select: { remindersStoppedAt: true } }),
  ]);
  if (invitation && (await isConnected(row.customerId, invitation.systemId))) return "customer already connected";
  if (row.kind === "reminder" && contact?.remindersStoppedAt) return "reminders stopped";
  return null;
}

type Settings = NonNullable<Awaited<ReturnType<typeof transportSettings>>>;
/** One run's SMTP per environment: its settings read (and the password unsealed) once, one pooled transport. */
type Smtp = Map<string, Promise<{ settings: Settings; transport: SmtpTransport } | null>>;

function smtpFor(smtp: Smtp, environmentId: string) {
  let open = smtp.get(environmentId);
  if (!open) {
    open = transportSettings(environmentId).then((s) => s && { settings: s, transport: openSmtp(s, true) });
    // A failed read is not kept: the next message of the run reads again.
    open.catch(() => smtp.delete(environmentId));
    smtp.set(environmentId, open);
  }
  return open;
}

async function closeAll(smtp: Smtp): Promise<void> {
  for (const open of smtp.values()) (await open.catch(() => null))?.transport.close();
}

async function attempt(
  row: ClaimedMail,
  schedule: readonly number[],
  smtp: Smtp,
): Promise<"sent" | "failed" | "cancelled"> {
  try {
    const reason = await holdBack(row);
    if (reason) {
      await settleCancelled(row.id, reason);
      return "cancelled";
    }
    const open = await smtpFor(smtp, row.environmentId);
    if (!open) throw new Error("no SMTP settings for this environment");
    const stopLink = row.kind === "reminder" && row.customerId ? stopLinkFor(row.customerId) : null;
    const messageId = await sendWithSmtp(open.settings, { to: row.recipient, ...row, stopLink }, open.transport);
    await settleSent(row.id, messageId);
    return "sent";
  } catch (err) {
    const retry = row.attempts < schedule.length ? (schedule[row.attempts] ?? null) : null;
    log.warn({ mailId: row.id, attempt: row.attempts + 1 }, `mail not sent: ${String(err)}`);
    await settleFailed(row.id, String(err instanceof Error ? err.message : err), retry);
    return "failed";
  }
}

/** Sends every message that is due, a few at a time, until none is left. Any process may run it. */
export async function deliverDueMail(opts: MailDeliverOptions = {}) {
  const schedule = opts.schedule ?? MAIL_RETRY_SCHEDULE_MS;
  const report = { sent: 0, failed: 0, cancelled: 0 };
  const smtp: Smtp = new Map();
  try {
    for (;;) {
      const rows = await claimMail(5, opts.leaseMs ?? LEASE_MS, opts.ids);
      if (rows.length === 0) return report;
      for (const outcome of await Promise.all(rows.map((r) => attempt(r, schedule, smtp)))) report[outcome] += 1;
    }
  } finally {
    await closeAll(smtp);
  }
}
