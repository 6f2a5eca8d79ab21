import { z } from "zod";
import { startAssignAll } from "@/lib/clients/assign";
import { clientPostRoute } from "@/lib/clients/context";

/** Starts (or resumes) the server-side "assign all" and sends the browser to its report. */
export const POST = clientPostRoute({
  input: z.object({ agent: z.uuid() }),
  act: async (context, { agent }, home) => ({ to: `${home}/jobs/${(await startAssignAll(context, agent)).id}` }),
});
