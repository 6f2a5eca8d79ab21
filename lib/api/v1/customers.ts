import { z } from "zod";
import { afterCursor, page } from "@/lib/api/keyset";
import { created, defineOperation, ok } from "@/lib/api/operation";
import { ListQuery, pageOf } from "@/lib/api/pagination";
import { getCustomer, searchCustomers } from "@/lib/customers/queries";
import { CustomerResourceSchema, customerResource } from "@/lib/customers/resource";
import { upsertCustomer } from "@/lib/customers/write";
import { orgNoSchema } from "@/lib/requests/schema";

// A refine, not a regex: \p{L} has no portable JSON Schema `pattern` (Python's and others' regexes lack it).
const TAG = /^[\p{L}\p{N}_-]{1,30}$/u;
const tag = z
  .string()
  .refine((v) => TAG.test(v), "customers.errors.tag")
  .describe("Letters, digits, `_` or `-`; at most 30.");

const CustomerUpsert = z
  .object({
    name: z.string().trim().min(1, "errors.required").max(200, "errors.tooLong"),
    notes: z.string().trim().max(2000, "errors.tooLong").optional().describe("Kept as it is when left out."),
    tags: z
      .array(tag)
      .max(10, "customers.errors.tooManyTags")
      .optional()
      .describe("Stored lower-case; kept as they are when left out."),
  })
  .meta({ id: "CustomerUpsert" });

export const listCustomersOp = defineOperation({
  method: "GET",
  path: "/customers",
  operationId: "listCustomers",
  summary: "List customers",
  description: "Newest first.",
  tag: "Customers",
  scope: "customers:read",
  query: ListQuery.extend({
    q: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("An org number (or its first digits) or part of the name."),
    tag: tag.optional().describe("Only customers with this tag."),
  }),
  response: {
    status: 200,
    description: "A page of customers.",
    schema: pageOf(CustomerResourceSchema, "CustomerPage"),
  },
  problems: ["invalid_cursor"],
  async handle({ query }, { scope }) {
    const after = afterCursor(query.cursor);
    const r = await searchCustomers(scope, { q: query.q, tag: query.tag, cursor: after?.id }, query.limit);
    const last = r.customers.at(-1);
    const hasMore = r.nextCursor !== null;
    return ok(page(r.customers.map(customerResource), hasMore, last ? { at: last.createdAt, id: last.id } : null));
  },
});

export const getCustomerOp = defineOperation({
  method: "GET",
  path: "/customers/{id}",
  operationId: "getCustomer",
  summary: "Get a customer",
  tag: "Customers",
  scope: "customers:read",
  params: z.object({ id: z.string().min(1).max(100).describe("The portal's id, or the organisation number.") }),
  response: { status: 200, description: "The customer.", schema: CustomerResourceSchema },
  problems: ["not_found"],
  async handle({ params }, { scope }) {
    return ok(customerResource(await getCustomer(scope, params.id.replace(/[\s.]/g, ""))));
  },
});

export const upsertCustomerOp = defineOperation({
  method: "PUT",
  path: "/customers/{id}",
  operationId: "upsertCustomer",
  summary: "Create or update a customer",
  description:
    "Keeps the portal's customer in step with your own register, by organisation number. Answers 201 when the customer was created, 200 otherwise; an unchanged customer writes nothing.",
  tag: "Customers",
  scope: "customers:write",
  params: z.object({ id: orgNoSchema.describe("The customer's organisation number (mod-11 checked).") }),
  body: CustomerUpsert,
  response: {
    status: 200,
    description: "Updated, or already as given.",
    schema: CustomerResourceSchema,
    also: [{ status: 201, description: "Created." }],
  },
  async handle({ params, body }, { scope, origin }) {
    const r = await upsertCustomer(scope, { orgNo: params.id, ...body });
    const customer = customerResource(await getCustomer(scope, r.id));
    return r.created ? created(customer, `${origin}/api/v1/customers/${r.id}`) : ok(customer);
  },
});
