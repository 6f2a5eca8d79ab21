import { z } from "zod";
import { PublicJwk } from "@/lib/audit/checkpoint-token";

// The verifiable export (npm run audit:export, retention archives): JSON Lines, a header, every event
// of one chain from its start in order, and last the signed checkpoint that covers the last event.
// Read by scripts/audit-verify.ts offline. ADR 020.

export const EXPORT_FORMAT = "systembruker-portal.audit-export/1";

export const ExportHeader = z.object({
  type: z.literal("header"),
  format: z.literal(EXPORT_FORMAT),
  chain: z.string().min(1),
  environment: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  exportedAt: z.iso.datetime(),
  /** Where the chain starts: the genesis (chainSeq 0) or, after retention, a signed checkpoint. */
  start: z.object({ chainSeq: z.string().regex(/^\d+$/), hash: z.string(), jws: z.string().optional() }),
  publicKey: PublicJwk,
});
export type ExportHeader = z.infer<typeof ExportHeader>;

export const ExportEvent = z.object({
  type: z.literal("event"),
  seq: z.string().regex(/^\d+$/),
  chain: z.string(),
  chainSeq: z.string().regex(/^\d+$/),
  at: z.iso.datetime(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  outcome: z.string(),
  detail: z.unknown(),
  environmentId: z.string().nullable(),
  orgNumber: z.string().nullable(),
  systemId: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type ExportEvent = z.infer<typeof ExportEvent>;

export const ExportCheckpoint = z.object({ type: z.literal("checkpoint"), jws: z.string().min(1) });
