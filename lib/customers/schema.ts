import { z } from "zod";
import { orgNoSchema, requestKindSchema } from "@/lib/requests/schema";

const TAG = /^[\p{L}\p{N}_-]{1,30}$/u;

/** Tags are typed comma-separated; stored trimmed, lower-case, unique. An array (already parsed) is accepted too. */
export const tagsSchema = z
  .preprocess((v) => (Array.isArray(v) ? v.join(",") : v), z.string().max(400, "errors.tooLong"))
  .transform((v) => [
    ...new Set(
      v
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .refine((tags) => tags.every((t) => TAG.test(t)), "customers.errors.tag")
  .refine((tags) => tags.length <= 10, "customers.errors.tooManyTags");

const nameSchema = z.string().trim().min(1, "errors.required").max(200, "errors.tooLong");
const notesSchema = z.string().trim().max(2000, "errors.tooLong");

export const createCustomerSchema = z.object({
  orgNo: orgNoSchema,
  name: nameSchema,
  notes: notesSchema,
  tags: tagsSchema,
});
export const updateCustomerSchema = z.object({ id: z.uuid(), name: nameSchema, notes: notesSchema, tags: tagsSchema });
/** An ERP keeping its customers in step: what it leaves out (notes, tags) stays as the portal has it. */
export const upsertCustomerSchema = z.object({
  orgNo: orgNoSchema,
  name: nameSchema,
  notes: notesSchema.optional(),
  tags: tagsSchema.optional(),
});
export type CreateCustomerInput = z.input<typeof createCustomerSchema>;
export type UpsertCustomerInput = z.input<typeof upsertCustomerSchema>;
export type UpdateCustomerInput = z.input<typeof updateCustomerSchema>;

export const CUSTOMER_STATUSES = ["connected", "waiting", "none"] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => {
    const x = first(v);
    return x === "" ? undefined : x;
  }, s.optional().catch(undefined));

/**
 * The list's search params. Unknown or malformed values are dropped rather than refused: a stale
 * bookmark should show the unfiltered list, not an error.
 */
export const customerFilterSchema = z.object({
  q: optional(z.string().trim().max(100)),
  tag: optional(z.string().trim().toLowerCase().regex(TAG)),
  status: optional(z.enum(CUSTOMER_STATUSES)),
  cursor: optional(z.uuid()),
});
export type CustomerFilter = z.infer<typeof customerFilterSchema>;

export const selectionRequestSchema = z.object({
  systemId: z.uuid("errors.required"),
  customerIds: z.array(z.uuid()).min(1, "customers.errors.noneSelected").max(100, "customers.errors.tooMany"),
  kind: requestKindSchema,
});

/** The per-customer report of a selection create, as the form receives it back. */
export const selectionReportSchema = z.array(
  z.object({
    orgNo: z.string(),
    ok: z.boolean(),
    requestId: z.string().optional(),
    existed: z.boolean().optional(),
    message: z.object({ nb: z.string(), en: z.string() }).optional(),
  }),
);
