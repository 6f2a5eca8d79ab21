import { z } from "zod";
import { orgNoSchema } from "@/lib/requests/schema";

export const tokenDoctorSchema = z.object({
  systemId: z.uuid("errors.required"),
  orgNo: orgNoSchema,
  // Empty means "not sent": Altinn then defaults externalRef to the org number.
  externalRef: z
    .string()
    .trim()
    .max(200, "errors.tooLong")
    .optional()
    .transform((v) => v || undefined),
});
export type TokenDoctorInput = z.input<typeof tokenDoctorSchema>;
