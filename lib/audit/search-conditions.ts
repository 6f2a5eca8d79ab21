import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilter } from "@/lib/audit/search-schema";

// How one chain's slice of the filtered log is asked for, so that PostgreSQL walks one index in order and
// stops after a page. The filter that usually names the fewest events leads; the query orders by its
// column(s), chain and seq, which only its (column, chain, seq) index gives without a sort. The primary
// key, which reads every other chain's newer rows on the way (and the whole table for a chain with no
// match), cannot. The other filters are plain conditions, checked on the rows found (or, when one of them
// names few rows, used by the planner to find and sort those instead: both are small).

/** The leading filter: its columns and their values, in index order. */
export type Lead = { columns: string[]; values: Prisma.Sql[] };

type Condition = { lead: Lead; filtered: Prisma.Sql };

function text(column: string, value: string): Condition {
  return {
    lead: { columns: [column], values: [Prisma.sql`${value}::text`] },
    filtered: Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`,
  };
}

/**
 * The filter that leads ("action" when the action does: the search has a branch per action of a group)
 * and the checks for the rest.
 */
export function columnConditions(filter: AuditFilter): { lead: Lead | "action" | null; filters: Prisma.Sql[] } {
  // Most selective first: a target has a handful of events, a customer or a system some thousands, an
  // actor or an action many more, a target type or an outcome a large part of the log.
  const ranked: (Condition | "action")[] = [];
  if (filter.targetType && filter.targetId) {
    const [type, id] = [text("targetType", filter.targetType), text("targetId", filter.targetId)];
    ranked.push({
      lead: { columns: ["targetType", "targetId"], values: [...type.lead.values, ...id.lead.values] },
      filtered: Prisma.sql`${type.filtered} AND ${id.filtered}`,
    });
  }
  if (filter.org) ranked.push(text("orgNumber", filter.org));
  if (filter.system) ranked.push(text("systemId", filter.system));
  if (filter.actor) ranked.push(text("actorId", filter.actor));
  if (filter.action) ranked.push("action");
  if (filter.targetType && !filter.targetId) ranked.push(text("targetType", filter.targetType));
  if (filter.outcome)
    ranked.push({
      lead: { columns: ["outcome"], values: [Prisma.sql`${filter.outcome}::"AuditOutcome"`] },
      filtered: Prisma.sql`outcome = ${filter.outcome}::"AuditOutcome"`,
    });
  const [first, ...rest] = ranked;
  return {
    lead: first === undefined ? null : first === "action" ? "action" : first.lead,
    filters: rest.flatMap((c) => (c === "action" ? [] : [c.filtered])),
  };
}

/** A branch's action: leading, or a plain condition. */
export const actionLead = (action: string): Lead => ({ columns: ["action"], values: [Prisma.sql`${action}::text`] });
export const actionCheck = (action: string) => Prisma.sql`action = ${action}`;

/**
 * One chain's range between two seqs (exclusive) behind the leading filter, and its ORDER BY. The first
 * ordering column is matched with `= ANY(ARRAY[v])`: to the index scan that is the same equality, but
 * the planner does not fold it into a constant, so the ORDER BY keeps it and only the intended index can
 * serve it without a sort. All the rest are plain equalities and a seq range, which the index uses to
 * start at the right place and stop at the chain's end (a row comparison would not stop there).
 */
export function chainRange(lead: Lead | null, chain: string, low: bigint, high: bigint, dir: "ASC" | "DESC") {
  // Qualified: in ORDER BY a bare name would mean the select list's column (outcome::text, not outcome).
  const names = [...(lead?.columns ?? []), "chain"].map((c) => Prisma.raw(`audit_events."${c}"`));
  const values = [...(lead?.values ?? []), Prisma.sql`${chain}::text`];
  const where = names.map((name, i) =>
    i === 0
      ? Prisma.sql`${name} = ANY(ARRAY[${values[i] ?? Prisma.empty}])`
      : Prisma.sql`${name} = ${values[i] ?? Prisma.empty}`,
  );
  where.push(Prisma.sql`seq > ${low}::bigint`, Prisma.sql`seq < ${high}::bigint`);
  const orderBy = Prisma.join(
    [...names, Prisma.raw("audit_events.seq")].map((c) => Prisma.sql`${c} ${Prisma.raw(dir)}`),
    ", ",
  );
  return { where, orderBy };
}
