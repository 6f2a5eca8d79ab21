import { z } from "zod";
import { isValidOrgNo, normalizeOrgNo } from "@/lib/orgno";

export const orgNoSchema = z
  .string()
  .transform(normalizeOrgNo)
  // A wrong format stops there: "check digit is wrong" on "12345" would only confuse.
  .refine((v) => /^\d{9}$/.test(v), { message: "errors.orgNoFormat", abort: true })
  .refine(isValidOrgNo, "errors.orgNoChecksum");

export const createRequestSchema = z.object({ systemId: z.uuid("errors.required"), orgNo: orgNoSchema });
export type CreateRequestInput = z.infer<typeof createRequestSchema>;
