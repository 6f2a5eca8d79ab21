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
});
export type StoredChangeRequest = z.infer<typeof changeRequestSchema>;
