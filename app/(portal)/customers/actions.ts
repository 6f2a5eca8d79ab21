"use server";
import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/safe-action";
import { createCustomer, updateCustomer } from "@/lib/customers/write";
import { createRequestsForSelection } from "@/lib/requests/selection";
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
    const outcomes = await createRequestsForSelection({ actor, environment }, input);
    revalidatePath("/customers");
    return { result: { report: JSON.stringify(outcomes) } };
  },
);
