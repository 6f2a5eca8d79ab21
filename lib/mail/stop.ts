import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/core/db";
import { openStopToken } from "@/lib/mail/stop-token";

/** The customer's own "no more reminders" click: true when the token was ours (stopping twice is fine). */
export async function stopRemindersByToken(token: string): Promise<boolean> {
  const customerId = openStopToken(token);
  if (!customerId) return false;
  const customer = await db.customer.findUnique({
    where: { id: customerId },
    select: { orgNo: true, environmentId: true },
  });
  if (!customer) return false;
  await db.$transaction(async (tx) => {
    const n = await tx.customerMailContact.updateMany({
      where: { customerId, remindersStoppedAt: null },
      data: { remindersStoppedAt: new Date() },
    });
    if (n.count === 0) return;
    await recordAudit(
      {
        actor: { type: "customer", label: customer.orgNo },
        action: "customer.reminders_stop",
        target: { type: "customer", id: customer.orgNo },
        outcome: "success",
        environmentId: customer.environmentId,
      },
      tx,
    );
  });
  return true;
}
