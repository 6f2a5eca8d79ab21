"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/safe-action";
import { cancelBulkJob, previewBulkUpload, startBulkJob } from "@/lib/bulk/jobs";
import { kick } from "@/lib/core/jobs/boss";
import { MAX_BYTES } from "@/lib/bulk/parse-csv";
import { bulkJobIdSchema } from "@/lib/bulk/schema";
import { logger } from "@/lib/core/log";

const uploadSchema = z.object({
  systemId: z.uuid("errors.required"),
  file: z
    .instanceof(File, { message: "bulk.errors.noFile" })
    .refine((f) => f.size > 0, "bulk.errors.noFile")
    .refine((f) => f.size <= MAX_BYTES, "bulk.errors.tooLarge"),
});

export const previewBulkAction = action(
  "requests.create",
  uploadSchema,
  (f) => ({ systemId: f.get("systemId") ?? "", file: f.get("file") }),
  async ({ systemId, file }, { actor, environment }) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const job = await previewBulkUpload(
      { actor, environment },
      { systemId, fileName: file.name || "upload.csv" },
      bytes,
    );
    return { redirectTo: `/customers/bulk/${job.id}` };
  },
);

export const startBulkAction = action(
  "requests.create",
  bulkJobIdSchema,
  (f) => ({ jobId: f.get("jobId") ?? "" }),
  async ({ jobId }, { actor, environment }) => {
    await startBulkJob({ actor, environment }, jobId);
    // The rows are in our tables; should this kick be lost, the minute schedule resumes the job.
    await kick("bulk-onboarding", { jobId }).catch((err: unknown) =>
      logger("bulk").warn(`kick failed: ${String(err)}`),
    );
    revalidatePath(`/customers/bulk/${jobId}`);
    return { redirectTo: `/customers/bulk/${jobId}` };
  },
);

export const cancelBulkAction = action(
  "requests.create",
  bulkJobIdSchema,
  (f) => ({ jobId: f.get("jobId") ?? "" }),
  async ({ jobId }, { actor, environment }) => {
    await cancelBulkJob({ actor, environment }, jobId);
    revalidatePath(`/customers/bulk/${jobId}`);
    return { redirectTo: `/customers/bulk/${jobId}` };
  },
);
