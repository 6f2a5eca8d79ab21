// Altinn.Authorization.ProblemDetails bodies (CONTRACT §7.1) with the titles of §7.2 and §7.3.
import type { ServerResponse } from "node:http";
import { sendProblemJson } from "../lib/http";
import { traceId } from "../lib/aspnet-model";

const AUTH_PROBLEMS = {
  "AUTH-00000": [400, "Can't resolve the Organisation Number from the logged in Reportee PartyId."],
  "AUTH-00001": [400, "One or more Right not found or not delegable."],
  "AUTH-00004": [400, "Failed to create new SystemUser, existing SystemUser tied to the given System-Id."],
  "AUTH-00006": [400, "The combination of External Ids refer to an already Accepted SystemUser."],
  "AUTH-00007": [400, "The combination of External Ids refer to a Pending Request, please reuse or delete."],
  "AUTH-00008": [
    400,
    "The combination of External Ids refer to a Denied Request, please delete and renew the Request.",
  ],
  "AUTH-00009": [
    400,
    "The combination of External Ids refer to a Rejected Request, please delete and renew the Request.",
  ],
  "AUTH-00010": [404, "The Id does not refer to a Request in our system."],
  "AUTH-00011": [404, "The Id does not refer to a Registered System."],
  "AUTH-00013": [409, "The Status of the Request is not New."],
  "AUTH-00015": [404, "The SystemUser was not found."],
  "AUTH-00021": [400, "The RedirectUri was not found or not valid."],
  "AUTH-00025": [400, "The request id is valid but its not a valid request for creating an agent system user"],
  "AUTH-00030": [404, "The Id does not refer to an AgentRequest in our system."],
  "AUTH-00058": [400, "No AccessPackages found, an Agent SystemUser must have at least one"],
  "AUTH-00061": [
    409,
    "The Status of the Request is not New. Please generate a new CorrellationId for a new Change Request",
  ],
  "AUTH-00065": [
    400,
    "One or more access packages cannot be delegated because they are not intended for client relationships",
  ],
  "AUTH-00023": [401, "Can't resolve the Organisation Number for the Vendor from the Token."],
  "AUTH-00026": [400, "No redirect uris are set for the system"],
  "AUTH-00059": [400, "No AccessPackages or Single Rights found, a SystemUser must have at least one"],
  "AUTH-00063": [400, "One or more accesspackage is not found in the referenced system in the System Register."],
  "AUTH-00064": [
    400,
    "One or more access packages cannot be delegated. Either they are intended for clients or they cannot be delegated further.",
  ],
  "AUTH-00035": [
    400,
    "The system user has delegations from customer. Remove the delegations before deleting the system user",
  ],
  "AUTH-00038": [400, "Delegation not found"],
  "AUTH-00079": [400, "Client not found."],
  "AUTH-00080": [400, "Client does not have the accesspackages the agent system user requires"],
} as const satisfies Record<string, readonly [number, string]>;

export type AuthCode = keyof typeof AUTH_PROBLEMS;

export function problemBody(code: AuthCode, extensions: Record<string, string> = {}): Record<string, unknown> {
  const [status, title] = AUTH_PROBLEMS[code];
  return { type: `urn:altinn:error:${code}`, title, status, code, traceId: traceId(), ...extensions };
}

export function sendProblem(res: ServerResponse, code: AuthCode, extensions: Record<string, string> = {}): void {
  const body = problemBody(code, extensions);
  sendProblemJson(res, AUTH_PROBLEMS[code][0], body);
}

export const VLD_TITLES = {
  "AUTH.VLD-00000": "the org number identifier is not valid ISO6523 identifier",
  "AUTH.VLD-00001": "The system id does not match the format orgnumber_xxxx...",
  "AUTH.VLD-00002": "The system id already exists",
  "AUTH.VLD-00003": "One or more resources specified in rights were not found in Altinn's resource register.",
  "AUTH.VLD-00004": "One of the client id is already tagged with an existing system",
  "AUTH.VLD-00005": "One or more of the redirect urls format is not valid. The valid format is https://xxx.xx",
  "AUTH.VLD-00006": "One or more duplicate rights found",
  "AUTH.VLD-00007": "One or more duplicate access package(s) found",
  "AUTH.VLD-00008": "One or all the accesspackage(s) is not found in altinn's access packages or is not delegable",
  "AUTH.VLD-00009": "One or more resource id is in wrong format. The valid format is urn:altinn:resource",
  "AUTH.VLD-00011": "Request contains duplicate client ids",
  "AUTH.VLD-00012": "The system ID in the request body does not match the system ID in the URL",
  "AUTH.VLD-00013": "System ID cannot have spaces in id (leading, trailing or in between the id)",
  "AUTH.VLD-00017": "One or more resources specified in rights is of resource type which is not delegable.",
  "AUTH.VLD-00018":
    "Access packages meant for system user for client relations can't be used in combination with the flag isVisible: true",
} as const;

export type VldCode = keyof typeof VLD_TITLES;

export interface ValidationError {
  code: VldCode;
  path: string;
  extensions?: Record<string, string>;
}

export function sendValidationProblem(res: ServerResponse, errors: readonly ValidationError[]): void {
  sendProblemJson(res, 400, {
    type: "urn:altinn:error:STD-00000",
    title: "One or more validation errors occurred.",
    status: 400,
    code: "STD-00000",
    traceId: traceId(),
    validationErrors: errors.map((e) => ({
      code: e.code,
      title: VLD_TITLES[e.code],
      paths: [e.path],
      ...e.extensions,
    })),
  });
}
