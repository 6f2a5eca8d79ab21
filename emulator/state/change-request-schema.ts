// Stored change requests (CONTRACT §4.4). Owned by the requests area.
import { z } from "zod";
import { accessPackageRefSchema, rightSchema } from "./common-schema";

export const changeRequestSchema = z.object({
  id: z.string(),
  systemUserId: z.string(),
  systemId: z.string(),
  partyOrgNo: z.string(),
  externalRef: z.string(),
  requiredRights: z.array(rightSchema),
  unwantedRights: z.array(rightSchema),
  requiredAccessPackages: z.array(accessPackageRefSchema),
  unwantedAccessPackages: z.array(accessPackageRefSchema),
  status: z.enum(["New", "Accepted", "Rejected", "Denied", "Timedout", "NoChangeNeeded"]),
  redirectUrl: z.string().optional(),
  created: z.string(),
  isDeleted: z.boolean(),
  /** Set by the customer's "escalate" (status stays New); default keeps older state files loading. */
  escalated: z.boolean().default(false),
  decidedBy: z.string().optional(),
});
export type StoredChangeRequest = z.infer<typeof changeRequestSchema>;
export type ChangeRequestStatus = StoredChangeRequest["status"];
