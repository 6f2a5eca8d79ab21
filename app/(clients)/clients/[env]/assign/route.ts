import { z } from "zod";
import { changeOneClient } from "@/lib/clients/delegation";
import { clientPostRoute } from "@/lib/clients/context";

/** Assign or remove one client (plain form POST, works without JavaScript). */
export const POST = clientPostRoute({
  input: z.object({ agent: z.uuid(), client: z.uuid(), op: z.enum(["add", "remove"]) }),
  act: async (context, { agent, client, op }, home) => {
    await changeOneClient(context, agent, client, op);
    return { to: home, message: op === "add" ? "assigned" : "removed" };
  },
});
