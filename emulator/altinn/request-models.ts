// Request response models (CONTRACT §4.1): RequestSystemResponse for standard requests and
// AgentRequestSystemResponse (the same minus `rights`) for agent requests.
import { z } from "zod";
import { ciObject } from "../lib/aspnet-model";
import type { StoredRequest } from "../state/schema";
import { accessPackageInput } from "./models";
import { isTimedOut, kindOf, type RequestKind } from "./request-store";

/** CreateAgentRequestSystemUser: the standard body without `rights`. */
export const createAgentRequestInput = ciObject({
  externalRef: z.string().nullish(),
  systemId: z.string(),
  partyOrgNo: z.string(),
  accessPackages: z.array(accessPackageInput).nullish(),
  redirectUrl: z.string().nullish(),
  integrationTitle: z.string().nullish(),
});
export type CreateAgentRequestInput = z.output<typeof createAgentRequestInput>;

const CONFIRM_PATHS: Record<RequestKind, string> = {
  standard: "/accessmanagement/ui/systemuser/request?id=",
  agent: "/accessmanagement/ui/systemuser/agentrequest?id=",
};

export function requestConfirmUrl(publicUrl: string, kind: RequestKind, id: string): string {
  return `${publicUrl}${CONFIRM_PATHS[kind]}${id}&DONTCHOOSEREPORTEE=true`;
}

/** `created` is overridden on create responses: the create path never sets it (DateTime.MinValue). */
export function requestResponse(
  r: StoredRequest,
  publicUrl: string,
  now: Date,
  created?: string,
): Record<string, unknown> {
  const kind = kindOf(r);
  return {
    id: r.id,
    ...(r.integrationTitle !== undefined ? { integrationTitle: r.integrationTitle } : {}),
    externalRef: r.externalRef,
    systemId: r.systemId,
    partyOrgNo: r.partyOrgNo,
    ...(kind === "standard" ? { rights: r.rights } : {}),
    accessPackages: r.accessPackages,
    status: r.status,
    ...(r.redirectUrl !== undefined ? { redirectUrl: r.redirectUrl } : {}),
    confirmUrl: requestConfirmUrl(publicUrl, kind, r.id),
    escalated: r.escalated,
    created: created ?? r.created,
    timedOut: isTimedOut(r.created, now),
  };
}
