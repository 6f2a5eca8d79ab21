import "server-only";
import { getPool } from "@/lib/core/db";

// The outbox's hot path in plain SQL on the shared pool, as lib/webhooks/store.ts: a claim takes due rows
// under a lease with SKIP LOCKED, so any number of processes send side by side and none sends a row twice.

export type ClaimedMail = {
  id: string;
  environmentId: string;
  customerId: string | null;
  invitationId: string | null;
  kind: string;
  recipient: string;
  subject: string;
  html: string;
  text: string;
  qrLink: string | null;
  attempts: number;
};

export async function claimMail(n: number, leaseMs: number, ids?: string[]): Promise<ClaimedMail[]> {
  const { rows } = await getPool().query<ClaimedMail>(
    `UPDATE mail_messages m SET status = 'working', "leaseUntil" = now() + $2 * interval '1 millisecond', "updatedAt" = now()
     WHERE m.id IN (
       SELECT id FROM mail_messages
       WHERE ((status = 'pending' AND "nextAttemptAt" <= now()) OR (status = 'working' AND "leaseUntil" < now()))
         AND ($3::uuid[] IS NULL OR id = ANY($3::uuid[]))
       ORDER BY "nextAttemptAt" LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING m.id, m."environmentId", m."customerId", m."invitationId", m.kind, m.recipient, m.subject, m.html,
       m.text, m."qrLink", m.attempts`,
    [n, leaseMs, ids ?? null],
  );
  return rows;
}

export async function settleSent(id: string, messageId: string): Promise<void> {
  await getPool().query(
    `UPDATE mail_messages SET status = 'sent', attempts = attempts + 1, "messageId" = $2, "sentAt" = now(),
       "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = now() WHERE id = $1 AND status = 'working'`,
    [id, messageId],
  );
}

/** Failed: pending again after `retryInMs`, or (null) failed for good. */
export async function settleFailed(id: string, error: string, retryInMs: number | null): Promise<void> {
  await getPool().query(
    `UPDATE mail_messages SET attempts = attempts + 1, "lastError" = $2, "leaseUntil" = NULL, "updatedAt" = now(),
       status = CASE WHEN $3::bigint IS NULL THEN 'failed' ELSE 'pending' END::"MailStatus",
       "nextAttemptAt" = now() + coalesce($3::bigint, 0) * interval '1 millisecond'
     WHERE id = $1 AND status = 'working'`,
    [id, error.slice(0, 1000), retryInMs],
  );
}

/** Not sent, on purpose (the customer is connected, or asked for no more reminders). */
export async function settleCancelled(id: string, reason: string): Promise<void> {
  await getPool().query(
    `UPDATE mail_messages SET status = 'cancelled', "lastError" = $2, "leaseUntil" = NULL, "updatedAt" = now()
     WHERE id = $1 AND status = 'working'`,
    [id, reason],
  );
}

export async function nextMailDueAt(): Promise<Date | null> {
  const { rows } = await getPool().query<{ at: Date | null }>(
    `SELECT least((SELECT min("nextAttemptAt") FROM mail_messages WHERE status = 'pending'),
       (SELECT min("leaseUntil") FROM mail_messages WHERE status = 'working')) AS at`,
  );
  return rows[0]?.at ?? null;
}
