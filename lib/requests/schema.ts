import { z } from "zod";
import { isValidOrgNo, normalizeOrgNo } from "@/lib/core/orgno";

export const orgNoSchema = z
  .string()
  .transform(normalizeOrgNo)
  // A wrong format stops there: "check digit is wrong" on "12345" would only confuse.
  .refine((v) => /^\d{9}$/.test(v), { message: "errors.orgNoFormat", abort: true })
  .refine(isValidOrgNo, "errors.orgNoChecksum");

export const REQUEST_KINDS = ["standard", "agent"] as const;
/** Standard: the customer's own system user. Agent: a client system user for an accounting/audit firm. */
export const requestKindSchema = z.enum(REQUEST_KINDS, "errors.required").default("standard");
export const createRequestSchema = z.object({
  systemId: z.uuid("errors.required"),
  orgNo: orgNoSchema,
  kind: requestKindSchema,
  /**
   * Where Altinn sends the customer after answering, instead of the portal's own callback (an API
   * client's own page). Must be one of the system's redirect URLs; a query string is allowed.
   */
  redirectUrl: z.url("errors.url").max(2000, "errors.tooLong").optional(),
});
export type CreateRequestInput = z.input<typeof createRequestSchema>;
