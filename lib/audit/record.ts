import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";

export type AuditActor =
  | { type: "user"; id: string; label: string }
  | { type: "api_key"; id: string; label: string }
  | { type: "customer"; label: string }
  | { type: "system"; label: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  target: { type: string; id?: string | null };
  outcome: "success" | "failure";
  detail?: Record<string, unknown>;
  environmentId?: string | null;
};

type Tx = Prisma.TransactionClient;
const GENESIS = "0".repeat(64);
// Any constant works; it only has to be the same for every writer of the chain.
const CHAIN_LOCK = 7_270_001;

type Hashable = {
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  outcome: string;
  detail: unknown;
  environmentId: string | null;
};

/** JSON with object keys sorted at every depth: jsonb does not keep the key order it was given. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function hashEvent(prevHash: string, e: Hashable): string {
  const canonical = canonicalJson([
    prevHash,
    e.at.toISOString(),
    e.actorType,
    e.actorId,
    e.actorLabel,
    e.action,
    e.targetType,
    e.targetId,
    e.outcome,
    e.detail ?? null,
    e.environmentId,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** Appends one event to the hash chain. Pass `tx` to make the event part of the change it records. */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  const write = async (t: Tx) => {
    // Serialise writers so two events never claim the same predecessor.
    await t.$queryRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})::text`;
    const last = await t.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
    const prevHash = last?.hash ?? GENESIS;
    const row = {
      at: new Date(),
      actorType: input.actor.type,
      actorId: input.actor.type === "user" || input.actor.type === "api_key" ? input.actor.id : null,
      actorLabel: input.actor.label,
      action: input.action,
      targetType: input.target.type,
      targetId: input.target.id ?? null,
      outcome: input.outcome,
      detail: (input.detail ?? null) as Prisma.InputJsonValue | null,
      environmentId: input.environmentId ?? null,
    };
    const hash = hashEvent(prevHash, row);
    await t.auditEvent.create({ data: { ...row, detail: row.detail ?? undefined, prevHash, hash } });
  };
  if (tx) await write(tx);
  else await db.$transaction(write);
}
