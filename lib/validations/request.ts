import { z } from "zod";
import { isValidOrgNo, normalizeOrgNo } from "@/lib/orgno";

export const orgNoSchema = z
  .string()
  .transform(normalizeOrgNo)
  .refine((v) => /^\d{9}$/.test(v), "errors.orgNoFormat")
  .refine(isValidOrgNo, "errors.orgNoChecksum");

export const createRequestSchema = z.object({ systemId: z.uuid("errors.required"), orgNo: orgNoSchema });
export type CreateRequestInput = z.infer<typeof createRequestSchema>;
