import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { JWK } from "jose";
import { linkProblem } from "@/lib/audit/chain";
import { openCheckpoint } from "@/lib/audit/checkpoint-token";
import { ExportCheckpoint, ExportEvent, ExportHeader } from "@/lib/audit/chain-export-format";

export type FileVerdict =
  | { ok: true; chain: string; events: number; firstSeq: string | null; lastSeq: string | null; keyFromFile: boolean }
  | { ok: false; line: number; seq: string | null; message: string };

const WHY = {
  order: "is not the next event of the chain: an event before it was removed, or lines were reordered",
  link: "does not follow the line before it: a line was removed, added or reordered",
  hash: "was changed: its content does not hash to what the chain recorded",
} as const;

/**
 * Checks an export offline: the start, every link and hash in order, and that the file ends with a
 * checkpoint, signed by `publicKey` (or the key the file names, which only proves it is self-consistent),
 * covering its last event. Names the first line and sequence number that does not hold.
 */
export async function verifyExportFile(file: string, publicKey?: JWK): Promise<FileVerdict> {
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
  let n = 0;
  let header: ExportHeader | null = null;
  let key: JWK | undefined = publicKey;
  let prev = { chainSeq: 0n, hash: "" };
  let prevSeq: bigint | null = null;
  let firstSeq: string | null = null;
  let events = 0;
  let ended = false;
  const fail = (message: string, seq: string | null = null): FileVerdict => ({ ok: false, line: n, seq, message });

  for await (const text of lines) {
    n += 1;
    if (ended) return fail("there is more after the checkpoint that must end the file");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail("is not JSON", prevSeq === null ? null : String(prevSeq + 1n));
    }
    if (!header) {
      const h = ExportHeader.safeParse(json);
      if (!h.success) return fail("the file does not start with an audit export header");
      header = h.data;
      key ??= header.publicKey;
      prev = { chainSeq: BigInt(header.start.chainSeq), hash: header.start.hash };
      if (prev.chainSeq > 0n) {
        const signed = header.start.jws ? await openCheckpoint(header.start.jws, key) : null;
        if (
          !signed ||
          signed.chain !== header.chain ||
          signed.chainSeq !== header.start.chainSeq ||
          signed.hash !== prev.hash
        )
          return fail("the chain's starting checkpoint is not signed by the key");
      }
      continue;
    }
    const cp = ExportCheckpoint.safeParse(json);
    if (cp.success) {
      const signed = await openCheckpoint(cp.data.jws, key as JWK);
      if (!signed || signed.chain !== header.chain) return fail("the checkpoint is not signed by the key");
      const covered = BigInt(signed.chainSeq);
      if (covered > prev.chainSeq)
        return fail(
          `the checkpoint covers the chain up to seq ${signed.seq}, the file stops before it: its tail was cut off`,
          prevSeq === null ? signed.seq : String(prevSeq + 1n),
        );
      if (covered < prev.chainSeq || signed.hash !== prev.hash)
        return fail("the checkpoint does not match the last event: lines were added or changed", String(prevSeq));
      ended = true;
      continue;
    }
    const e = ExportEvent.safeParse(json);
    if (!e.success) return fail("is neither an event nor a checkpoint", prevSeq === null ? null : String(prevSeq + 1n));
    const ev = e.data;
    if (ev.chain !== header.chain) return fail("belongs to another chain", ev.seq);
    const problem = linkProblem(prev, { ...ev, chainSeq: BigInt(ev.chainSeq) });
    if (problem) return fail(`event ${ev.seq} ${WHY[problem]}`, ev.seq);
    if (prevSeq !== null && BigInt(ev.seq) <= prevSeq) return fail(`event ${ev.seq} is out of order`, ev.seq);
    prev = { chainSeq: BigInt(ev.chainSeq), hash: ev.hash };
    prevSeq = BigInt(ev.seq);
    firstSeq ??= ev.seq;
    events += 1;
  }
  if (!header) return fail("the file is empty");
  if (!ended)
    return fail(
      `the file ends without the checkpoint that must close it: its tail was cut off after seq ${prevSeq ?? "(none)"}`,
      prevSeq === null ? null : String(prevSeq + 1n),
    );
  return {
    ok: true,
    chain: header.chain,
    events,
    firstSeq,
    lastSeq: prevSeq === null ? null : String(prevSeq),
    keyFromFile: !publicKey,
  };
}
