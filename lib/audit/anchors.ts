import "server-only";
import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { JWK } from "jose";
import { env } from "@/lib/core/env";
import { openCheckpoint, type CheckpointPayload } from "@/lib/audit/checkpoint-token";

// Checkpoints written outside the database (AUDIT_ANCHOR_DIR): one append-only JSON Lines file per chain,
// one signed checkpoint a line. Whoever rewrites the database must rewrite these too (ADR 020).

export type Anchor = CheckpointPayload & { jws: string };

const dir = () => env().AUDIT_ANCHOR_DIR;
// Chain names are uuids or "installation"; anything else never becomes a path.
const fileOf = (d: string, chain: string) => {
  if (!/^[a-z0-9-]{1,64}$/.test(chain)) throw new Error(`bad chain name ${chain}`);
  return path.join(d, `${chain}.jsonl`);
};

export function anchorsEnabled(): boolean {
  return Boolean(dir());
}

/** Appends a checkpoint (one write of one short line with O_APPEND: whole, even with several processes). */
export function appendAnchor(anchor: Anchor, publicJwk: JWK): void {
  const d = dir();
  if (!d) return;
  mkdirSync(d, { recursive: true });
  const keyFile = path.join(d, "audit-public-key.jwk");
  if (!existsSync(keyFile)) writeFileSync(keyFile, `${JSON.stringify(publicJwk)}\n`);
  appendFileSync(fileOf(d, anchor.chain), `${JSON.stringify(anchor)}\n`);
}

/** The last line of a file, read from its end (the files grow one line per checkpoint, for years). */
function lastLine(file: string): string | null {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const len = Math.min(size, 16 * 1024);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const lines = buf.toString("utf8").split("\n").filter(Boolean);
    return lines.at(-1) ?? null;
  } finally {
    closeSync(fd);
  }
}

export type AnchorRead = { anchor: Anchor | null; bad: boolean };

/** The newest anchor of `chain` and whether it is signed by `publicJwk` (bad: present but not genuine). */
export async function latestAnchor(chain: string, publicJwk: JWK): Promise<AnchorRead> {
  const d = dir();
  if (!d) return { anchor: null, bad: false };
  const file = fileOf(d, chain);
  if (!existsSync(file)) return { anchor: null, bad: false };
  const line = lastLine(file);
  if (!line) return { anchor: null, bad: false };
  try {
    const raw = JSON.parse(line) as Anchor;
    const payload = await openCheckpoint(raw.jws, publicJwk);
    return payload ? { anchor: { ...payload, jws: raw.jws }, bad: false } : { anchor: null, bad: true };
  } catch {
    return { anchor: null, bad: true };
  }
}
