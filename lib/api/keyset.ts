import { z } from "zod";
import { invalidCursor } from "@/lib/api/errors";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";

// Every list but the event feed is newest first on (a timestamp, id); the cursor is the last item shown,
// so a page costs the same however deep it is and items added meanwhile neither repeat nor go missing.
const Position = z.object({ t: z.iso.datetime(), id: z.uuid() });
export type Position = { at: Date; id: string };

/** Where the previous page ended; no cursor is the first page, a damaged one is a 400 (invalid_cursor). */
export function afterCursor(cursor: string | undefined): Position | null {
  if (!cursor) return null;
  const p = decodeCursor(Position, cursor);
  if (!p) throw invalidCursor();
  return { at: new Date(p.t), id: p.id };
}

/** The `{data, hasMore, nextCursor}` answer, the cursor naming the last item of this page. */
export function page<T>(data: T[], hasMore: boolean, last: Position | null) {
  return {
    data,
    hasMore,
    nextCursor: hasMore && last ? encodeCursor({ t: last.at.toISOString(), id: last.id }) : null,
  };
}
