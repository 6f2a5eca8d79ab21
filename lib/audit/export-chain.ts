import "server-only";
import { db } from "@/lib/core/db";
import { INSTALLATION_CHAIN } from "@/lib/audit/chain";
import { checkpointChain, newestCheckpoint } from "@/lib/audit/checkpoints";
import { EXPORT_FORMAT, type ExportEvent, type ExportHeader } from "@/lib/audit/chain-export-format";
import { eventJson, type ExportedEvent } from "@/lib/audit/export-format";
import { auditPublicJwk } from "@/lib/audit/signing";

type Write = (line: string) => Promise<void> | void;
export type ChainExport = { events: number; upTo: { chainSeq: string; seq: string } | null; notCovered: bigint };

const BATCH = 1000;

/** An event line of the verifiable export: the filtered export's line, marked as an event. */
export const exportLine = (e: ExportedEvent): string =>
  JSON.stringify({ type: "event", ...eventJson(e) } satisfies ExportEvent);

/**
 * Writes one chain as a verifiable export: header, its events from where the chain starts (the
 * genesis, or the checkpoint retention kept) up to `upTo` or a checkpoint signed now, then that checkpoint.
 * Events come in batches, so a million never sit in memory. A chain that does not hold after its newest
 * checkpoint is exported up to that checkpoint (`notCovered` says how many newer events were left out).
 */
export async function writeChainExport(
  chain: string,
  write: Write,
  opts: { upToChainSeq?: bigint; from?: { chainSeq: bigint; hash: string; jws: string | null } } = {},
): Promise<ChainExport> {
  if (opts.upToChainSeq === undefined) await checkpointChain(chain, { force: true });
  const end = await db.auditCheckpoint.findFirst({
    where: { chain, ...(opts.upToChainSeq === undefined ? {} : { chainSeq: opts.upToChainSeq }) },
    orderBy: { chainSeq: "desc" },
  });
  const base =
    opts.from ?? (await db.auditCheckpoint.findFirst({ where: { chain, base: true }, orderBy: { chainSeq: "desc" } }));
  const env =
    chain === INSTALLATION_CHAIN
      ? null
      : await db.environment.findUnique({ where: { id: chain }, select: { id: true, slug: true, name: true } });
  const header: ExportHeader = {
    type: "header",
    format: EXPORT_FORMAT,
    chain,
    environment: env,
    exportedAt: new Date().toISOString(),
    start: base
      ? { chainSeq: base.chainSeq.toString(), hash: base.hash, jws: base.jws ?? undefined }
      : { chainSeq: "0", hash: "0".repeat(64) },
    publicKey: await auditPublicJwk(),
  };
  await write(JSON.stringify(header));
  let events = 0;
  let after = base?.chainSeq ?? 0n;
  const last = end?.chainSeq ?? after;
  while (after < last) {
    const batch = await db.auditEvent.findMany({
      where: { chain, chainSeq: { gt: after, lte: last } },
      orderBy: { chainSeq: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    for (const e of batch) await write(exportLine(e));
    events += batch.length;
    after = batch[batch.length - 1]?.chainSeq ?? last;
  }
  if (end) await write(JSON.stringify({ type: "checkpoint", jws: end.jws }));
  const newest = await newestCheckpoint(chain);
  const head = await db.auditEvent.count({ where: { chain, chainSeq: { gt: newest?.chainSeq ?? 0n } } });
  return {
    events,
    upTo: end ? { chainSeq: end.chainSeq.toString(), seq: end.seq.toString() } : null,
    notCovered: BigInt(head),
  };
}
