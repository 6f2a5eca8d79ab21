import { z } from "zod";

/** Altinn's RequestStatus values (the RequestStatus enum in the schema mirrors them). */
export const REQUEST_STATUSES = ["New", "Accepted", "Rejected", "Denied", "Timedout"] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => {
    const x = first(v);
    return x === "" ? undefined : x;
  }, s.optional().catch(undefined));

/** The keyset cursor: the last row shown, as `<createdAt ms>.<id>` (opaque to the browser, checked here). */
const cursorSchema = z
  .string()
  .max(60)
  .regex(/^\d{1,15}\.[0-9a-f-]{36}$/i)
  .transform((v) => {
    const dot = v.indexOf(".");
    return { createdAt: new Date(Number(v.slice(0, dot))), id: v.slice(dot + 1).toLowerCase() };
  })
  .pipe(z.object({ createdAt: z.date(), id: z.uuid() }));

/**
 * The requests page's search params. Malformed values are dropped rather than refused: a stale
 * bookmark shows the unfiltered list, not an error.
 */
export const requestFilterSchema = z.object({
  status: optional(z.enum(REQUEST_STATUSES)),
  // Org numbers are typed with spaces or dots; only digits are searched.
  q: optional(
    z
      .string()
      .trim()
      .max(20)
      .transform((v) => v.replace(/[\s.]/g, ""))
      .pipe(z.string().regex(/^\d{1,9}$/)),
  ),
  cursor: optional(cursorSchema),
});
export type RequestFilter = z.infer<typeof requestFilterSchema>;

export function encodeRequestCursor(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.getTime()}.${row.id}`;
}
