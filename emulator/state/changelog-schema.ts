// System register changelog entries (CONTRACT §3.2). Owned by the system-register area.
import { z } from "zod";

export const changelogEntrySchema = z.object({
  systemInternalId: z.string(),
  changedByOrgNumber: z.string(),
  changeType: z.enum(["create", "update", "rightsupdate", "accesspackageupdate", "delete", "unknown"]),
  // The controller stores whatever it was given: the whole request (create, update), the rights or
  // package list (rightsupdate, accesspackageupdate), or nothing (delete, omitted as null).
  changedData: z.unknown().optional(),
  clientId: z.string().optional(),
  created: z.string(),
});
export type ChangelogEntry = z.infer<typeof changelogEntrySchema>;
