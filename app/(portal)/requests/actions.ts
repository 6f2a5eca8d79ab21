"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { createRequestSchema } from "@/lib/validations/request";
import { createRequest, refreshRequest } from "@/lib/dal/requests";

export const createRequestAction = action(
  "requests.create",
  createRequestSchema,
  (f) => ({ systemId: f.get("systemId"), orgNo: f.get("orgNo") }),
  async (input, actor) => {
    const request = await createRequest(actor, input);
    revalidatePath("/requests");
    return { redirectTo: `/requests/${request.id}` };
  },
);

export const refreshRequestAction = action(
  "requests.refresh",
  z.object({ id: z.uuid() }),
  (f) => ({ id: f.get("id") }),
  async (input, actor) => {
    await refreshRequest(actor, input.id);
    revalidatePath(`/requests/${input.id}`);
  },
);
