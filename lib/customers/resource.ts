import { z } from "zod";

/** A customer as the vendor's product sees it in API answers. */
export const CustomerResourceSchema = z
  .object({
    id: z.string().uuid().describe("The portal's id of the customer."),
    orgNo: z.string().describe("Organisation number; accepted wherever `id` is."),
    name: z.string().nullable().describe("Null for a customer first seen through a request."),
    notes: z.string(),
    tags: z.array(z.string()),
    externalRef: z.string().describe("Sent to Altinn as the customer's system users' externalRef (opaque)."),
    createdAt: z.string().datetime(),
  })
  .meta({ id: "Customer" });
export type CustomerResource = z.infer<typeof CustomerResourceSchema>;

type CustomerRow = {
  id: string;
  orgNo: string;
  name: string | null;
  notes: string;
  tags: string[];
  externalRef: string;
  createdAt: Date;
};

export function customerResource(c: CustomerRow): CustomerResource {
  return {
    id: c.id,
    orgNo: c.orgNo,
    name: c.name,
    notes: c.notes,
    tags: c.tags,
    externalRef: c.externalRef,
    createdAt: c.createdAt.toISOString(),
  };
}
