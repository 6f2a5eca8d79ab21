// Client delegations of agent system users (CONTRACT §5.2). Owned by the client-delegation area.
import { z } from "zod";

export const delegationSchema = z.object({
  agentSystemUserId: z.string(),
  clientOrgNo: z.string(),
  created: z.string(),
});
export type StoredDelegation = z.infer<typeof delegationSchema>;
