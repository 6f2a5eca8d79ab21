import "server-only";
import { db } from "@/lib/core/db";
import { emitEvent } from "@/lib/events/emit";
import { daysLeft, expiryLevel } from "@/lib/keys/expiry";

/**
 * Emits key.expiring when a signing key still in use crosses a warning level (30 days, 7 days,
 * expired): once per key and level, so a vendor's pager rings three times in a key's life, not hourly.
 */
export async function emitKeyExpiryEvents(now: Date = new Date()): Promise<number> {
  const keys = await db.signingKey.findMany({
    where: { state: { in: ["active", "next"] } },
    select: { id: true, kid: true, environmentId: true, expiresAt: true, state: true },
  });
  let emitted = 0;
  for (const key of keys) {
    const level = expiryLevel(key.expiresAt, now.getTime());
    if (!level) continue;
    const done = await db.$transaction(async (tx) => {
      // Under the environment's row lock (taken by emitEvent's sequence update) a second process
      // sees the first one's event, so a level is announced once.
      await tx.$queryRaw`SELECT id FROM environments WHERE id = ${key.environmentId}::uuid FOR UPDATE`;
      const seen = await tx.vendorEvent.findFirst({
        where: {
          environmentId: key.environmentId,
          type: "key.expiring",
          AND: [{ data: { path: ["key", "kid"], equals: key.kid } }, { data: { path: ["level"], equals: level } }],
        },
        select: { id: true },
      });
      if (seen) return false;
      await emitEvent(tx, key.environmentId, "key.expiring", {
        level,
        key: {
          kid: key.kid,
          state: key.state,
          expiresAt: key.expiresAt.toISOString(),
          daysLeft: daysLeft(key.expiresAt, now.getTime()),
        },
      });
      return true;
    });
    if (done) emitted++;
  }
  return emitted;
}
