// Request lifetime rules (CONTRACT §4.1 "Expiry") and the opaque pagination tokens of §4.2, shared by
// the request, change-request and system-user lists. Every age is measured on the emulated clock.
import type { Emulator } from "../context";
import { parseGuid, sendModelErrors } from "../lib/aspnet-model";
import { param, type Ctx } from "../lib/router";
import type { StoredRequest } from "../state/schema";

export const REQUEST_BASE = "/authentication/api/v1/systemuser/request";

/** Route GUIDs bind like .NET's Guid binder; a bad value gets the ASP.NET model error. */
export function requestIdOrError(ctx: Ctx, name = "requestId"): string | null {
  const raw = param(ctx, name);
  const id = parseGuid(raw);
  if (!id) sendModelErrors(ctx, { [name]: [`The value '${raw}' is not valid.`] });
  return id;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Archiver.SOFT_DELETE_TIMEOUT_DAYS: older requests are soft-deleted and vanish from every query. */
export const SOFT_DELETE_DAYS = 28;
/** REQUEST_TIMEOUT_DAYS: only drives the computed `timedOut` flag. */
export const TIMEOUT_DAYS = 180;
/** PaginationOptions.Size in the service's appsettings. */
export const PAGE_SIZE = 50;

export type RequestKind = "standard" | "agent";

export function kindOf(r: StoredRequest): RequestKind {
  return r.requestType ?? "standard";
}

function olderThan(created: string, days: number, now: Date): boolean {
  return Date.parse(created) < now.getTime() - days * DAY_MS;
}

/** Not deleted, and not yet reached by the 28-day archiver (which we apply lazily on every read). */
export function isLive(r: StoredRequest, now: Date): boolean {
  return !r.isDeleted && !olderThan(r.created, SOFT_DELETE_DAYS, now);
}

export function isTimedOut(created: string, now: Date): boolean {
  return olderThan(created, TIMEOUT_DAYS, now);
}

export function liveRequest(emu: Emulator, id: string): StoredRequest | undefined {
  const now = emu.now();
  return emu.store.data.requests.find((r) => r.id === id && isLive(r, now));
}

export function encodeToken(value: string | number): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** Decodes an opaque `token`; undefined when absent, null when it is not what we issued. */
export function decodeToken(raw: string | null): unknown {
  if (raw === null || raw === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return parsed;
  } catch {
    return null;
  }
}

export interface Page<T> {
  links: { next?: string };
  data: T[];
}

/**
 * One page of `items` (already sorted by `key`) after the continuation `after`. `next` is given
 * only when more items exist, so the last page carries `links: {}` as in the docs examples.
 */
export function paginate<T, K extends string | number>(
  items: readonly T[],
  key: (item: T) => K,
  after: K | undefined,
  nextUrl: (token: string) => string,
): Page<T> {
  const rest = after === undefined ? items : items.filter((i) => key(i) > after);
  const data = rest.slice(0, PAGE_SIZE);
  const last = data[data.length - 1];
  if (rest.length <= PAGE_SIZE || last === undefined) return { links: {}, data };
  return { links: { next: nextUrl(encodeToken(key(last))) }, data };
}
