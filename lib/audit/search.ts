import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/core/db";
import { assertCan } from "@/lib/auth/actor";
import { notFound } from "@/lib/core/errors";
import type { Scope } from "@/lib/environments/types";
import { chainOf, INSTALLATION_CHAIN } from "@/lib/audit/chain";
import { seqWindows, type SeqWindow } from "@/lib/audit/search-window";
import { osloDayEnd, osloDayStart } from "@/lib/audit/oslo-day";
import { knownActions } from "@/lib/audit/search-options";
import { actionCheck, actionLead, chainRange, columnConditions, type Lead } from "@/lib/audit/search-conditions";
import { AUDIT_PAGE_SIZE, type AuditFilter } from "@/lib/audit/search-schema";

// The audit log, filtered and paged by seq (newest first, `before=<seq>`, never OFFSET), over what the
// current environment may see: its own chain and the installation's. Every filter has an index on
// (column, chain, seq), so a page reads about as many index entries as it shows, however long the log is.

export type AuditRow = {
  seq: bigint;
  chain: string;
  chainSeq: bigint;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  outcome: "success" | "failure";
  detail: unknown;
  environmentId: string | null;
  orgNumber: string | null;
  systemId: string | null;
  prevHash: string;
  hash: string;
};

const COLUMNS = Prisma.raw(
  `seq, chain, "chainSeq", at, "actorType"::text AS "actorType", "actorId", "actorLabel", action, "targetType",
   "targetId", outcome::text AS outcome, detail, "environmentId"::text AS "environmentId", "orgNumber", "systemId",
   "prevHash", hash`,
);

/** The sub-queries to merge (one per chain, and per action of a group) and what they all require. */
export type SearchPlan = {
  branches: ({ chain: string; action: string | null } & SeqWindow)[];
  /** The filter whose index each branch walks (lib/audit/search-conditions.ts). */
  lead: Lead | "action" | null;
  where: Prisma.Sql[];
};
export type Slice = { order: "desc" | "asc"; below?: bigint; above?: bigint; limit: number };

/** The query for a filter in an environment, or null when nothing can match (an empty group, an empty range). */
export async function planSearch(environmentId: string, filter: AuditFilter): Promise<SearchPlan | null> {
  // A group ("request.") becomes its actions: each has its own run of the (action, chain, seq) index,
  // merged by seq, where a LIKE would read the whole group's rows and sort them.
  let actions: (string | null)[] = [null];
  if (filter.action?.endsWith(".")) {
    const group = filter.action;
    actions = (await knownActions()).filter((a) => a.startsWith(group));
    if (actions.length === 0) return null;
  } else if (filter.action) actions = [filter.action];
  const windows = await seqWindows([chainOf(environmentId), INSTALLATION_CHAIN], filter);
  const branches = [...windows].flatMap(([chain, window]) => actions.map((action) => ({ chain, action, ...window })));
  if (branches.length === 0) return null;
  const { lead, filters } = columnConditions(filter);
  return { branches, lead, where: [...filters, ...timeCheck(filter)] };
}

/**
 * The dates themselves, for a chain whose clock once went back (the windows assume it never does). As
 * one opaque condition the planner counts it as half the rows, not as the tiny share two ranges on `at`
 * beside a seq range would seem to it, which would talk it out of walking the index in order.
 */
function timeCheck(filter: AuditFilter): Prisma.Sql[] {
  const checks = [
    ...(filter.from ? [Prisma.sql`at >= ${osloDayStart(filter.from)}`] : []),
    ...(filter.to ? [Prisma.sql`at < ${osloDayEnd(filter.to)}`] : []),
  ];
  return checks.length ? [Prisma.sql`COALESCE(${Prisma.join(checks, " AND ")}, false)`] : [];
}

/**
 * One slice of the plan in seq order: per branch, its chain's range on the leading filter's index,
 * walked in order and stopped at `limit` (lib/audit/search-conditions.ts); then the branches merge.
 */
export function sliceSql(plan: SearchPlan, slice: Slice): Prisma.Sql {
  const dir = slice.order === "desc" ? "DESC" : "ASC";
  const parts = plan.branches.map((b) => {
    const low = slice.above !== undefined && slice.above > b.low ? slice.above : b.low;
    const high = slice.below !== undefined && slice.below < b.high ? slice.below : b.high;
    const lead = plan.lead !== "action" ? plan.lead : b.action !== null ? actionLead(b.action) : null;
    const range = chainRange(lead, b.chain, low, high, dir);
    const where = [
      ...(b.action !== null && plan.lead !== "action" ? [actionCheck(b.action)] : []),
      ...plan.where,
      ...range.where,
    ];
    return Prisma.sql`(SELECT ${COLUMNS} FROM audit_events WHERE ${Prisma.join(where, " AND ")}
      ORDER BY ${range.orderBy} LIMIT ${slice.limit})`;
  });
  return Prisma.sql`SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) u ORDER BY seq ${Prisma.raw(dir)} LIMIT ${slice.limit}`;
}

export const readSlice = (plan: SearchPlan, slice: Slice) => db.$queryRaw<AuditRow[]>(sliceSql(plan, slice));

export type AuditListItem = ReturnType<typeof listItem>;
const listItem = (r: AuditRow) => ({
  seq: r.seq.toString(),
  chain: r.chain,
  at: r.at,
  actorType: r.actorType,
  actorId: r.actorId,
  actorLabel: r.actorLabel,
  action: r.action,
  targetType: r.targetType,
  targetId: r.targetId,
  outcome: r.outcome,
  detail: r.detail,
  orgNumber: r.orgNumber,
  systemId: r.systemId,
});

/**
 * A page of the filtered log, newest first. `older` is the `before` of the next page down; `newer` the
 * `before` of the page above ("" for the newest page, null when this is it).
 */
export async function searchAuditEvents(
  { actor, environment }: Scope,
  filter: AuditFilter,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ events: AuditListItem[]; older: string | null; newer: string | null }> {
  assertCan(actor, "audit.read");
  const before = filter.before ? BigInt(filter.before) : undefined;
  const plan = await planSearch(environment.id, filter);
  if (!plan) return { events: [], older: null, newer: before === undefined ? null : "" };
  const rows = await readSlice(plan, { order: "desc", below: before, limit: pageSize + 1 });
  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  const older = rows.length > pageSize && last ? last.seq.toString() : null;
  let newer: string | null = null;
  if (before !== undefined) {
    // The page above is the pageSize events after this one; its cursor is the event above those (the
    // same link "Older" led from), or none when it is the newest page.
    const up = await readSlice(plan, { order: "asc", above: page[0]?.seq ?? before - 1n, limit: pageSize + 1 });
    const cursor = up[pageSize];
    newer = up.length === 0 ? null : cursor ? cursor.seq.toString() : "";
  }
  return { events: page.map(listItem), older, newer };
}

/** One event with everything recorded about it; another environment's is not found, as everywhere. */
export async function getAuditEvent({ actor, environment }: Scope, seq: string): Promise<AuditRow> {
  assertCan(actor, "audit.read");
  const event = /^[1-9]\d{0,17}$/.test(seq)
    ? await db.auditEvent.findFirst({
        where: { seq: BigInt(seq), chain: { in: [chainOf(environment.id), INSTALLATION_CHAIN] } },
      })
    : null;
  if (!event) throw notFound({ nb: "hendelsen", en: "The event" });
  return event;
}
