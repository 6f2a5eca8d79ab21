// What an audited change records (`detail: { before, after }`): the fields that changed and nothing else,
// so an auditor reads the change itself, not the whole form that carried it. Pure: unit-tested beside.

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Changes = { before: Record<string, Json>; after: Record<string, Json> };

/** What a secret field shows in a change: that it changed, never its value (nor its sealed form). */
export const SECRET_CHANGED = "changed";

/** A value as the audit detail stores it: Dates as ISO strings, object keys sorted, undefined as null. */
export function toJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, toJson(v)]));
  }
  return String(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(toJson(a)) === JSON.stringify(toJson(b));

/**
 * The fields of `keys` (default: every key of `after`) whose value differs, each side's value, or null
 * when none does: the caller then records no event. A key `after` leaves undefined was not part of the
 * change (a partial update that does not touch it). Values compare by content: Dates by instant, objects
 * whatever their key order, arrays in order.
 */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys: readonly string[] = Object.keys(after),
): Changes | null {
  const changes: Changes = { before: {}, after: {} };
  for (const key of keys) {
    if (after[key] === undefined || same(before[key], after[key])) continue;
    changes.before[key] = toJson(before[key]);
    changes.after[key] = toJson(after[key]);
  }
  return Object.keys(changes.after).length === 0 ? null : changes;
}

/** The fields something new starts with (a create): `{ after }` only, as there was no before. */
export const createdFields = (after: Record<string, unknown>): { after: Record<string, Json> } => ({
  after: Object.fromEntries(Object.entries(after).map(([k, v]) => [k, toJson(v)])),
});

/** The fields something had when it was removed (a delete): `{ before }` only. */
export const removedFields = (before: Record<string, unknown>): { before: Record<string, Json> } => ({
  before: Object.fromEntries(Object.entries(before).map(([k, v]) => [k, toJson(v)])),
});
