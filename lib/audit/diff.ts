import { canonicalJson } from "@/lib/audit/chain";

// What a change event changed, field by field. The convention (lib/audit/record.ts) is
// `{ before: {...}, after: {...} }` with only the changed fields; environment settings write
// `{ changes: { field: { before, after } } }`, which reads the same way.

export type FieldChange =
  | { field: string; kind: "removed"; before: unknown }
  | { field: string; kind: "added"; after: unknown }
  | { field: string; kind: "changed"; before: unknown; after: unknown };

export type DetailView = { changes: FieldChange[]; rest: [string, unknown][] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Fields in `before` only were removed, in `after` only added, in both with another value changed. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return fields.flatMap((field): FieldChange[] => {
    const inBefore = Object.hasOwn(before, field);
    const inAfter = Object.hasOwn(after, field);
    if (inBefore && !inAfter) return [{ field, kind: "removed", before: before[field] }];
    if (!inBefore) return [{ field, kind: "added", after: after[field] }];
    if (canonicalJson(before[field]) === canonicalJson(after[field])) return [];
    return [{ field, kind: "changed", before: before[field], after: after[field] }];
  });
}

const isChangeMap = (v: unknown): v is Record<string, { before: unknown; after: unknown }> =>
  isRecord(v) && Object.values(v).every((c) => isRecord(c) && Object.hasOwn(c, "before") && Object.hasOwn(c, "after"));

/** An event's detail as the detail page shows it: the change (if it records one) and every other field. */
export function detailView(detail: unknown): DetailView {
  if (!isRecord(detail)) return { changes: [], rest: detail === null || detail === undefined ? [] : [["", detail]] };
  const { before, after, changes, ...others } = detail;
  if (isRecord(before) && isRecord(after))
    return { changes: diffFields(before, after), rest: withKnown(others, { changes }) };
  if (isChangeMap(changes)) {
    const b = Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.before]));
    const a = Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.after]));
    return { changes: diffFields(b, a), rest: withKnown(others, { before, after }) };
  }
  return { changes: [], rest: withKnown(others, { before, after, changes }) };
}

/** The fields not shown as a change, in key order, including before/after/changes that were not one. */
function withKnown(others: Record<string, unknown>, known: Record<string, unknown>): [string, unknown][] {
  const all = { ...others, ...Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined)) };
  return Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A value as the page prints it: text as it is, anything else (numbers, lists, nested objects) as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value ?? null, null, isRecord(value) || Array.isArray(value) ? 2 : undefined);
}
