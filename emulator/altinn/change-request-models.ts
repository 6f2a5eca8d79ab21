// Change request body and ChangeRequestResponse (CONTRACT §4.4).
import { z } from "zod";
import { ciObject } from "../lib/aspnet-model";
import type { StoredChangeRequest } from "../state/change-request-schema";
import { accessPackageInput, rightInput } from "./models";
import { isTimedOut } from "./request-store";

export const CHANGE_BASE = "/authentication/api/v1/systemuser/changerequest";

export const changeRequestInput = ciObject({
  requiredRights: z.array(rightInput).nullish(),
  unwantedRights: z.array(rightInput).nullish(),
  requiredAccessPackages: z.array(accessPackageInput).nullish(),
  unwantedAccessPackages: z.array(accessPackageInput).nullish(),
  redirectUrl: z.string().nullish(),
});
export type ChangeRequestInput = z.output<typeof changeRequestInput>;

export function changeConfirmUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/accessmanagement/ui/systemuser/changerequest?id=${id}&DONTCHOOSEREPORTEE=true`;
}

/** `created` is overridden on the 201 response: like request creation, the create path never sets it. */
export function changeRequestResponse(
  c: StoredChangeRequest,
  publicUrl: string,
  now: Date,
  created?: string,
): Record<string, unknown> {
  return {
    id: c.id,
    externalRef: c.externalRef,
    systemId: c.systemId,
    systemUserId: c.systemUserId,
    partyOrgNo: c.partyOrgNo,
    requiredRights: c.requiredRights,
    unwantedRights: c.unwantedRights,
    requiredAccessPackages: c.requiredAccessPackages,
    unwantedAccessPackages: c.unwantedAccessPackages,
    status: c.status,
    ...(c.redirectUrl !== undefined ? { redirectUrl: c.redirectUrl } : {}),
    // A NoChangeNeeded answer is never stored and has nothing to confirm.
    confirmUrl: c.status === "NoChangeNeeded" ? "" : changeConfirmUrl(publicUrl, c.id),
    created: created ?? c.created,
    timedOut: isTimedOut(c.created, now),
  };
}
