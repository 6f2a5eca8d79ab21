import { z } from "zod";

export const bulkUploadSchema = z.object({
  systemId: z.uuid("errors.required"),
  fileName: z.string().trim().min(1, "bulk.errors.noFile").max(200),
});
export type BulkUploadInput = z.infer<typeof bulkUploadSchema>;

export const bulkJobIdSchema = z.object({ jobId: z.uuid() });
