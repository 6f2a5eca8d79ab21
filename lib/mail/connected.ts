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

/** The same for many customers at once: the connected "customerId:systemId" pairs among them. */
export async function connectedPairs(customerIds: string[]): Promise<Set<string>> {
  const where = { customerId: { in: customerIds } };
  const select = { customerId: true, systemId: true } as const;
  const [users, accepted] = await Promise.all([
    db.systemUser.findMany({ where: { ...where, deletedAt: null }, select }),
    db.systemUserRequest.findMany({ where: { ...where, status: "Accepted" }, select }),
  ]);
  return new Set([...users, ...accepted].map((r) => `${r.customerId}:${r.systemId}`));
}
