import "server-only";
import { deliverDueMail } from "@/lib/mail/deliver";

/**
 * The `mail` queue's handler: send what is due. Kicked when mail is queued and every minute by cron
 * (retries coming due, leases a dead process left). The rows are the work, so a repeated or lost job
 * neither doubles nor loses a message.
 */
export async function sendDueMail(): Promise<void> {
  await deliverDueMail();
}
