// Test controls: faults, the emulated clock and call statistics. Owned by the control area.
import { z } from "zod";

export const faultSchema = z.object({
  path: z.string(),
  latencyMs: z.number().int().min(0).default(0),
  errorRate: z.number().min(0).max(1).default(0),
  status: z.number().int().default(503),
  retryAfterS: z.number().int().min(0).optional(),
  /** Makes the error draws reproducible (a seeded PRNG instead of Math.random). */
  seed: z.number().int().optional(),
});
export type Fault = z.infer<typeof faultSchema>;

export const controlSchema = z.object({
  faults: z.array(faultSchema).default([]),
  /** Added to the real clock: `POST /emulator/clock {"advanceDays": n}` moves time forward. */
  clockOffsetMs: z.number().default(0),
  /** "METHOD pattern status" → count. */
  calls: z.record(z.string(), z.number()).default({}),
});
export type Control = z.infer<typeof controlSchema>;
