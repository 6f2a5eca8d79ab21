import { escapeCsvCell } from "@/lib/core/csv";
import type { ChainedEvent } from "@/lib/audit/chain";

// One audit event as a line of an export. JSON Lines keeps every field the hash covers under the names
// lib/audit/chain.ts uses, so `hashEvent(e.prevHash, e) === e.hash` holds for each parsed line.

export type ExportedEvent = ChainedEvent & { seq: bigint | string; prevHash: string; hash: string };
export const EXPORT_FORMATS = ["csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_HEADER = [
  "seq",
  "at",
  "chain",
  "chainSeq",
  "actorType",
  "actorId",
  "actorLabel",
  "action",
  "targetType",
  "targetId",
  "outcome",
  "orgNumber",
  "systemId",
  "environmentId",
  "detail",
  "prevHash",
  "hash",
] as const;

const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());

/** A spreadsheet row: the customers export's escaping (every cell quoted, formulas defused), CRLF. */
export function csvLine(e: ExportedEvent): string {
  const cells = [
    String(e.seq),
    iso(e.at),
    e.chain,
    String(e.chainSeq),
    e.actorType,
    e.actorId,
    e.actorLabel,
    e.action,
    e.targetType,
    e.targetId,
    e.outcome,
    e.orgNumber,
    e.systemId,
    e.environmentId,
    e.detail === null || e.detail === undefined ? "" : JSON.stringify(e.detail),
    e.prevHash,
    e.hash,
  ];
  return `${cells.map(escapeCsvCell).join(",")}\r\n`;
}

export const csvHeaderLine = () => `${CSV_HEADER.map(escapeCsvCell).join(",")}\r\n`;

/**
 * An event as JSON: every field the hash covers under lib/audit/chain.ts's names, numbers that outgrow
 * JavaScript's (seq, chainSeq) as strings. The filtered export's lines and the verifiable export's event
 * lines (lib/audit/export-chain.ts, which adds `type: "event"`) are both this.
 */
export const eventJson = (e: ExportedEvent) => ({
  seq: String(e.seq),
  chain: e.chain,
  chainSeq: String(e.chainSeq),
  at: iso(e.at),
  actorType: e.actorType,
  actorId: e.actorId,
  actorLabel: e.actorLabel,
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId,
  outcome: e.outcome,
  detail: e.detail ?? null,
  environmentId: e.environmentId,
  orgNumber: e.orgNumber,
  systemId: e.systemId,
  prevHash: e.prevHash,
  hash: e.hash,
});

/** One JSON object per line. */
export const jsonLine = (e: ExportedEvent): string => `${JSON.stringify(eventJson(e))}\n`;
