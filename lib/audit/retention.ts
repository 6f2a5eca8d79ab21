import "server-only";
import { mkdirSync, createWriteStream } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { db } from "@/lib/core/db";
import { env } from "@/lib/core/env";
import { listChains } from "@/lib/audit/walk";
import { lockChain, recordAudit } from "@/lib/audit/record";
import { writeChainExport } from "@/lib/audit/export-chain";
import { verifyExportFile } from "@/lib/audit/verify-file";
import { auditPublicJwk } from "@/lib/audit/signing";
import { getRetentionDays } from "@/lib/audit/retention-setting";
import { logger } from "@/lib/core/log";

const DAY = 86_400_000;

/** Writes `chain` up to `upTo` as a verifiable archive file and checks it before anything is deleted. */
async function archive(chain: string, upTo: bigint, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const start = await db.auditCheckpoint.findFirst({ where: { chain, base: true }, orderBy: { chainSeq: "desc" } });
  const file = path.join(dir, `${chain}-${(start?.chainSeq ?? 0n) + 1n}-${upTo}.jsonl`);
  const out = createWriteStream(file, { mode: 0o600 });
  await writeChainExport(
    chain,
    async (line) => {
      if (!out.write(`${line}\n`)) await once(out, "drain");
    },
    { upToChainSeq: upTo },
  );
  out.end();
  await once(out, "finish");
  const verdict = await verifyExportFile(file, await auditPublicJwk());
  if (!verdict.ok) throw new Error(`archive ${file} does not verify (line ${verdict.line}): ${verdict.message}`);
  return file;
}

/**
 * Retention (nightly, after the full check): per chain, the events up to the newest checkpoint older than
 * the retention period are archived to AUDIT_ARCHIVE_DIR, checked, and deleted; that checkpoint becomes the
 * chain's signed start, so what is kept still verifies. Without an archive directory nothing is deleted.
 */
export async function pruneExpiredEvents(now = new Date()): Promise<{ chain: string; pruned: number; file: string }[]> {
  const days = await getRetentionDays();
  if (days === null) return [];
  const dir = env().AUDIT_ARCHIVE_DIR;
  if (!dir) {
    logger("audit").error("retention is set but AUDIT_ARCHIVE_DIR is not: nothing pruned");
    return [];
  }
  const cutoff = new Date(now.getTime() - days * DAY);
  const done: { chain: string; pruned: number; file: string }[] = [];
  for (const chain of await listChains()) {
    const until = await db.auditCheckpoint.findFirst({
      where: { chain, base: false, eventAt: { lt: cutoff } },
      orderBy: { chainSeq: "desc" },
    });
    if (!until) continue;
    const file = await archive(chain, until.chainSeq, dir);
    const pruned = await db.$transaction(async (tx) => {
      await lockChain(tx, chain);
      // The one way past the append-only rule for deletes (migration 0020), for this transaction only.
      await tx.$queryRaw`SELECT set_config('portal.audit_write', 'prune', true)`;
      const gone = await tx.auditEvent.deleteMany({ where: { chain, chainSeq: { lte: until.chainSeq } } });
      await tx.auditCheckpoint.deleteMany({ where: { chain, chainSeq: { lt: until.chainSeq } } });
      await tx.auditCheckpoint.update({ where: { id: until.id }, data: { base: true } });
      return gone.count;
    });
    await recordAudit({
      actor: { type: "system", label: "retention" },
      action: "audit.prune",
      target: { type: "audit_chain", id: chain },
      outcome: "success",
      detail: { upToSeq: until.seq.toString(), events: pruned, archive: path.basename(file), retentionDays: days },
      environmentId: chain === "installation" ? null : chain,
    });
    done.push({ chain, pruned, file });
  }
  return done;
}
