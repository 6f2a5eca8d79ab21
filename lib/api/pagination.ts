import { z } from "zod";

/** `?limit=&cursor=`: cursors are opaque to clients (base64url JSON of where the last page ended). */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe("Items per page, 1–100."),
  cursor: z.string().max(500).optional().describe("`nextCursor` from the previous page."),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      hasMore: z.boolean(),
      nextCursor: z.string().nullable().describe("Pass as `cursor` to get the next page; null on the last page."),
    })
    .meta({ id });
}

export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A cursor that does not decode to what the list expects is the client's mistake: null, then 400. */
export function decodeCursor<T extends z.ZodType>(schema: T, cursor: string | undefined): z.infer<T> | null {
  if (!cursor) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
