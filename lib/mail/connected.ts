import "server-only";
import { db } from "@/lib/core/db";

/**
 * Whether a customer already has what an invitation asks for: a live system user of the system, or an
 * accepted request (the poller may not have looked the system user up yet). Asked when mail is queued
 * and again just before it is sent, so no invitation or reminder reaches a connected customer.
 */
export async function isConnected(customerId: string, systemId: string): Promise<boolean> {
  const [users, accepted] = await Promise.all([
    db.systemUser.count({ where: { customerId, systemId, deletedAt: null } }),
    db.systemUserRequest.count({ where: { customerId, systemId, status: "Accepted" } }),
  ]);
  return users + accepted > 0;
}
