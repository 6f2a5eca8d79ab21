// Audit events for bench/audit-page.ts, made in this process so their hashes are the portal's own
// (lib/audit/chain.ts): a seed the real checkpointChain and chain check accept, not rows that only look
// like a log. Inserted 10,000 at a time as one INSERT ... SELECT FROM unnest(arrays).
import type pg from "pg";
import { hashEvent, type ChainedEvent } from "@/lib/audit/chain";

export type ChainHead = { chainSeq: bigint; hash: string };
type Row = ChainedEvent & { chainSeq: bigint; at: Date; prevHash: string; hash: string };

const ACTIONS = [
  ...["request.status", "request.status", "request.status", "request.create", "request.create", "request.delete"],
  ...["token.diagnose", "token.diagnose", "systemuser.link", "customer.create", "customer.update"],
  ...["auth.signin.success", "auth.signin.success", "apikey.use", "apikey.use", "apikey.use", "webhook.test"],
  ...["bulk.requests", "reconciliation.run", "system.register", "environment.update", "user.create", "key.generate"],
];
const TARGETS: Record<string, string> = { request: "system_user_request", token: "customer", auth: "user" };

/**
 * Events `from` to `to` (exclusive) of one timeline, one every 30 s from `start`: event i goes to chains[0]
 * when i % 10 < 7, chains[1] when < 9, else chains[2], each continuing from (and moving) its head.
 */
export function auditEventRows(o: {
  from: number;
  to: number;
  start: number;
  chains: string[];
  heads: Map<string, ChainHead>;
  people: { users: string[]; keys: string[]; orgs: string[] };
}): Row[] {
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length] as T;
  const rows: Row[] = [];
  for (let i = o.from; i < o.to; i++) {
    const chain = pick(o.chains, i % 10 < 7 ? 0 : i % 10 < 9 ? 1 : 2);
    const head = o.heads.get(chain) ?? { chainSeq: 0n, hash: "0".repeat(64) };
    const kind = i % 20;
    const action = pick(ACTIONS, i * 7919);
    const group = action.split(".")[0] ?? "";
    const event: ChainedEvent & { chainSeq: bigint; at: Date } = {
      chain,
      chainSeq: head.chainSeq + 1n,
      at: new Date(o.start + i * 30_000),
      actorType: kind < 12 ? "user" : kind < 18 ? "api_key" : kind < 19 ? "customer" : "system",
      actorId: kind < 12 ? pick(o.people.users, i) : kind < 18 ? pick(o.people.keys, i) : null,
      actorLabel: "bench",
      action,
      targetType: TARGETS[group] ?? group,
      targetId: `t${i % 50_000}`,
      outcome: (i * 13) % 20 === 0 ? "failure" : "success",
      detail: { step: i },
      environmentId: chain === "installation" ? null : chain,
      orgNumber: i % 5 < 3 ? pick(o.people.orgs, i) : null,
      systemId: i % 2 === 0 ? `991825827_sys${i % 20}` : null,
    };
    const hash = hashEvent(head.hash, event);
    rows.push({ ...event, prevHash: head.hash, hash });
    o.heads.set(chain, { chainSeq: event.chainSeq, hash });
  }
  return rows;
}

/** One statement for the lot (the append-only rules stop updates and deletes, not inserts). */
export async function insertAuditRows(pool: pg.Pool, rows: Row[]): Promise<void> {
  const col = <T>(f: (r: Row) => T) => rows.map(f);
  await pool.query(
    `INSERT INTO audit_events (chain, "chainSeq", at, "actorType", "actorId", "actorLabel", action, "targetType",
       "targetId", outcome, detail, "environmentId", "orgNumber", "systemId", "prevHash", hash)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::"ActorType"[], $5::text[], $6::text[],
       $7::text[], $8::text[], $9::text[], $10::"AuditOutcome"[], $11::jsonb[], $12::uuid[], $13::text[], $14::text[],
       $15::text[], $16::text[])`,
    [
      col((r) => r.chain),
      col((r) => String(r.chainSeq)),
      col((r) => r.at.toISOString()),
      col((r) => r.actorType),
      col((r) => r.actorId),
      col((r) => r.actorLabel),
      col((r) => r.action),
      col((r) => r.targetType),
      col((r) => r.targetId),
      col((r) => r.outcome),
      col((r) => JSON.stringify(r.detail)),
      col((r) => r.environmentId),
      col((r) => r.orgNumber),
      col((r) => r.systemId),
      col((r) => r.prevHash),
      col((r) => r.hash),
    ],
  );
}

/**
 * A checkpoint for a chain's head as the portal signs one (its key, the database and the anchor directory),
 * without walking what came before: the seed's hashes are the portal's own, and the real checkpointChain
 * checks the 1000 events after it (bench/audit-page.ts).
 */
export async function signSeedCheckpoint(chain: string, head: ChainHead): Promise<void> {
  const { db } = await import("@/lib/core/db");
  const { auditPublicJwk, signCheckpoint } = await import("@/lib/audit/signing");
  const { appendAnchor } = await import("@/lib/audit/anchors");
  const event = await db.auditEvent.findUniqueOrThrow({
    where: { chain_chainSeq: { chain, chainSeq: head.chainSeq } },
    select: { seq: true, at: true },
  });
  const now = new Date();
  const payload = {
    v: 1 as const,
    chain,
    chainSeq: head.chainSeq.toString(),
    seq: event.seq.toString(),
    hash: head.hash,
    eventAt: event.at.toISOString(),
    createdAt: now.toISOString(),
  };
  const jws = await signCheckpoint(payload);
  await db.auditCheckpoint.create({
    data: { chain, chainSeq: head.chainSeq, seq: event.seq, hash: head.hash, eventAt: event.at, createdAt: now, jws },
  });
  appendAnchor({ ...payload, jws }, await auditPublicJwk());
}
