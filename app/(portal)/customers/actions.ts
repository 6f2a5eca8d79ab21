"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/safe-action";
import { createCustomer, updateCustomer } from "@/lib/customers/write";
import { createRequestsForSelection } from "@/lib/requests/selection";
import { preflightSelection } from "@/lib/preflight/guard";
import { listCustomersByIds } from "@/lib/preflight/customers";
import { createCustomerSchema, selectionRequestSchema, updateCustomerSchema } from "@/lib/customers/schema";

const str = (f: FormData, k: string) => f.get(k) ?? "";

export const createCustomerAction = action(
  "customers.manage",
  createCustomerSchema,
  (f) => ({ orgNo: str(f, "orgNo"), name: str(f, "name"), notes: str(f, "notes"), tags: str(f, "tags") }),
  async (input, { actor, environment }) => {
    const row = await createCustomer({ actor, environment }, input);
    revalidatePath("/customers");
    return { redirectTo: `/customers/${row.id}` };
  },
);

export const updateCustomerAction = action(
  "customers.manage",
  updateCustomerSchema,
  (f) => ({ id: str(f, "id"), name: str(f, "name"), notes: str(f, "notes"), tags: str(f, "tags") }),
  async (input, { actor, environment }) => {
    await updateCustomer({ actor, environment }, input);
    revalidatePath(`/customers/${input.id}`);
    return { message: { nb: "Kunden er lagret.", en: "The customer is saved." } };
  },
);

// The per-customer report travels as JSON in `result`, which the form renders as a list.
export const createSelectionAction = action(
  "requests.create",
  selectionRequestSchema,
  (f) => ({ systemId: str(f, "systemId"), customerIds: f.getAll("customerIds"), kind: f.get("kind") ?? undefined }),
  async (input, { actor, environment }) => {
    const scope = { actor, environment };
    // Pre-flight first: a system Altinn would refuse sends nothing; organisations it would refuse are left out.
    const chosen = await listCustomersByIds(scope, input.customerIds);
    const skipped = await preflightSelection(scope, { systemId: input.systemId, customers: chosen, kind: input.kind });
    const send = chosen.filter((c) => !skipped.has(c.orgNo)).map((c) => c.id);
    const sent = send.length ? await createRequestsForSelection(scope, { ...input, customerIds: send }) : [];
    const outcomes = [
      ...sent,
      ...chosen.flatMap((c) => {
        const message = skipped.get(c.orgNo);
        return message ? [{ customerId: c.id, orgNo: c.orgNo, ok: false, message }] : [];
      }),
    ];
    revalidatePath("/customers");
    return { result: { report: JSON.stringify(outcomes) } };
  },
);
