import "server-only";
import { db } from "@/lib/core/db";
import { GENESIS, hashEvent, hashEventV1 } from "@/lib/audit/chain";
import { lockChain, recordAudit } from "@/lib/audit/record";
import { subjectOf } from "@/lib/audit/subject";

const VERSION_KEY = "audit.chainVersion";
const BATCH = 1000;

/**
 * Once, after migration 0020: the events written under scheme 1 (one chain for everything) are checked
 * as they were, then re-chained per environment under scheme 2 (ADR 020). Nothing anchored them outside
 * the database before, so re-hashing loses no proof; the old chain's verdict and head are recorded in the
 * upgrade's own audit event. Every process calls this at start; the first does the work under the locks.
 */
export async function upgradeAuditChain(): Promise<void> {
  if (!(await db.setting.findUnique({ where: { key: VERSION_KEY } }))) return;
  const result = await db.$transaction(
    async (tx) => {
      const chains = (await tx.auditEvent.findMany({ distinct: ["chain"], select: { chain: true } })).map(
        (c) => c.chain,
      );
      for (const chain of chains.sort()) await lockChain(tx, chain);
      await lockChain(tx, "installation");
      if (!(await tx.setting.findUnique({ where: { key: VERSION_KEY } }))) return null;
      // The one way past the append-only rule for updates (migration 0020), for this transaction only.
      await tx.$queryRaw`SELECT set_config('portal.audit_write', 'rechain', true)`;
      // Scheme 1, as it was: one chain in seq order.
      let prev = GENESIS;
      let brokenAt: string | null = null;
      let count = 0;
      const heads = new Map<string, string>();
      for (let after = -1n; ;) {
        const batch = await tx.auditEvent.findMany({
          where: { seq: { gt: after } },
          orderBy: { seq: "asc" },
          take: BATCH,
        });
        for (const e of batch) {
          if (brokenAt === null && (e.prevHash !== prev || hashEventV1(prev, e) !== e.hash))
            brokenAt = e.seq.toString();
          prev = e.hash;
          const subject = subjectOf({ target: { type: e.targetType, id: e.targetId }, detail: e.detail });
          const row = { ...e, ...subject };
          const prevHash = heads.get(e.chain) ?? GENESIS;
          const hash = hashEvent(prevHash, row);
          // Raw, without RETURNING: PostgreSQL refuses UPDATE ... RETURNING (what Prisma's update sends) on
          // a table whose update rule is conditional, flag or no flag.
          const updated = await tx.$executeRaw`
            UPDATE audit_events SET "orgNumber" = ${subject.orgNumber}, "systemId" = ${subject.systemId},
              "prevHash" = ${prevHash}, hash = ${hash}
            WHERE seq = ${e.seq}`;
          if (updated !== 1) throw new Error(`audit upgrade: event ${e.seq} was not re-chained`);
          heads.set(e.chain, hash);
          count += 1;
        }
        if (batch.length < BATCH) break;
        after = batch[batch.length - 1]?.seq ?? after;
      }
      await tx.setting.delete({ where: { key: VERSION_KEY } });
      return { count, legacyHead: prev, legacyChainOk: brokenAt === null, legacyBrokenAt: brokenAt };
    },
    { timeout: 600_000 },
  );
  if (result)
    await recordAudit({
      actor: { type: "system", label: "upgrade" },
      action: "audit.chain_upgraded",
      target: { type: "audit_chain", id: null },
      outcome: result.legacyChainOk ? "success" : "failure",
      detail: {
        events: result.count,
        legacyHead: result.legacyHead,
        legacyChainOk: result.legacyChainOk,
        legacyBrokenAt: result.legacyBrokenAt,
      },
    });
}
