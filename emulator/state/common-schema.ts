// Shapes shared by several stored collections (kept apart so collection schemas can import them
// without a cycle through schema.ts).
import { z } from "zod";

export const attributePairSchema = z.object({ id: z.string(), value: z.string() });
export const rightSchema = z.object({
  action: z.string().optional(),
  resource: z.array(attributePairSchema),
});
export const accessPackageRefSchema = z.object({ urn: z.string() });
