import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { chainOf, GENESIS, hashEvent } from "@/lib/audit/chain";
import { subjectOf } from "@/lib/audit/subject";

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
  /** For a change: `{ before, after }` with the fields that changed (the audit page shows them as a diff). */
  detail?: Record<string, unknown>;
  environmentId?: string | null;
  /** The customer and Altinn system the event concerns; read from detail (orgNo, systemId) when not given. */
  subject?: { orgNumber?: string | null; systemId?: string | null };
};

type Tx = Prisma.TransactionClient;
// Any constant works; it only has to be the same for every writer. The second key is the chain's.
export const CHAIN_LOCK = 7_270_001;

/** Serialises the writers of one chain, so two events never claim the same place (until the transaction ends). */
export async function lockChain(t: Tx, chain: string): Promise<void> {
  await t.$queryRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK}::int, hashtext(${chain}))::text`;
}

/** Appends one event to its chain. Pass `tx` to make the event part of the change it records. */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  const write = async (t: Tx) => {
    const chain = chainOf(input.environmentId);
    await lockChain(t, chain);
    const last = await t.auditEvent.findFirst({
      where: { chain },
      orderBy: { chainSeq: "desc" },
      select: { hash: true, chainSeq: true },
    });
    const base = last ? null : await t.auditCheckpoint.findFirst({ where: { chain, base: true } });
    const prevHash = last?.hash ?? base?.hash ?? GENESIS;
    const row = {
      chain,
      chainSeq: (last?.chainSeq ?? base?.chainSeq ?? 0n) + 1n,
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
      ...subjectOf(input),
    };
    const hash = hashEvent(prevHash, row);
    await t.auditEvent.create({ data: { ...row, detail: row.detail ?? undefined, prevHash, hash } });
  };
  if (tx) await write(tx);
  else await db.$transaction(write);
}
