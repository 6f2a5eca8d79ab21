import "server-only";
import { z } from "zod";
import type { Connection } from "@/lib/integrations/connection";
import { callAltinn, parseBody } from "@/lib/integrations/altinn/http";
import { AppError } from "@/lib/core/errors";

export const REQUEST_STATUSES = ["New", "Accepted", "Rejected", "Denied", "Timedout"] as const;

const requestResponse = z
  .object({
    id: z.uuid(),
    externalRef: z.string().optional(),
    systemId: z.string(),
    partyOrgNo: z.string(),
    accessPackages: z
      .array(z.object({ urn: z.string() }))
      .optional()
      .default([]),
    status: z.enum(REQUEST_STATUSES),
    redirectUrl: z.string().optional(),
    confirmUrl: z.url(),
    // Set when the approver lacked rights and sent it on to someone who has them (CONTRACT §4.3).
    escalated: z.boolean().optional().default(false),
  })
  .loose();
export type AltinnRequest = z.infer<typeof requestResponse>;

/** Altinn's SystemUserExternalDTO, as byquery and the bysystem list return it (CONTRACT §5.1). */
export const systemUserSchema = z
  .object({
    id: z.uuid(),
    systemId: z.string(),
    reporteeOrgNo: z.string(),
    externalRef: z.string().optional(),
    userType: z.string().optional(),
    created: z.string().optional(),
    isDeleted: z.boolean().optional(),
  })
  .loose();
export type AltinnSystemUser = z.infer<typeof systemUserSchema>;

export type CreateRequestInput = {
  systemId: string;
  partyOrgNo: string;
  externalRef: string;
  accessPackages: string[];
  redirectUrl: string;
};
export type RequestKind = "standard" | "agent";

/** Agent (client) requests have their own endpoints, and a body without `rights` (CONTRACT §4.1, §4.2). */
const vendorPath = (kind: RequestKind) =>
  kind === "agent" ? "/systemuser/request/vendor/agent" : "/systemuser/request/vendor";

/** Either kind; create is idempotent per (system, org, externalRef) and kind. */
export async function createRequestOfKind(environment: Connection, kind: RequestKind, input: CreateRequestInput) {
  return kind === "standard"
    ? createStandardRequest(environment, input)
    : createAt(environment, vendorPath("agent"), input, {}, "agent request create");
}

/** Create is idempotent per (system, org, externalRef): Altinn returns the existing request with 200. */
export async function createStandardRequest(
  environment: Connection,
  input: CreateRequestInput,
  opts: { logInBackground?: boolean } = {},
) {
  return createAt(environment, vendorPath("standard"), input, opts, "request create");
}

async function createAt(
  environment: Connection,
  path: string,
  input: CreateRequestInput,
  opts: { logInBackground?: boolean },
  what: string,
) {
  const res = await callAltinn(environment, {
    ...opts,
    method: "POST",
    path,
    body: {
      systemId: input.systemId,
      partyOrgNo: input.partyOrgNo,
      externalRef: input.externalRef,
      accessPackages: input.accessPackages.map((urn) => ({ urn })),
      redirectUrl: input.redirectUrl,
    },
  });
  return { request: parseBody(requestResponse, res, what), existed: res.status === 200 };
}

export async function getRequest(
  environment: Connection,
  altinnRequestId: string,
  kind: RequestKind = "standard",
): Promise<AltinnRequest | null> {
  const res = await callAltinn(environment, { method: "GET", path: `${vendorPath(kind)}/${altinnRequestId}` }, [404]);
  return res.status === 404 ? null : parseBody(requestResponse, res, "request get");
}

export async function findSystemUser(
  environment: Connection,
  q: { systemId: string; orgNo: string; externalRef: string },
) {
  const res = await callAltinn(
    environment,
    {
      method: "GET",
      path: "/systemuser/vendor/byquery",
      query: { "system-id": q.systemId, orgno: q.orgNo, "external-ref": q.externalRef },
    },
    [404],
  );
  return res.status === 404 ? null : parseBody(systemUserSchema, res, "system user byquery");
}

/** Soft-deletes a request (202). Altinn keeps a Rejected request for its triple until it is deleted. */
export async function deleteRequest(environment: Connection, altinnRequestId: string): Promise<void> {
  await callAltinn(environment, { method: "DELETE", path: `/systemuser/request/vendor/${altinnRequestId}` }, [404]);
}

const requestPage = z.object({
  links: z.object({ next: z.string().optional() }).loose().optional(),
  data: z.array(requestResponse),
});

// 50 per page (CONTRACT §4.2); a bound keeps a looping `next` from running forever.
const MAX_REQUEST_PAGES = 2000;

/** Every live standard request of one system: GET /systemuser/request/vendor/bysystem/{systemId}, following `links.next`. */
export async function listRequestsBySystem(environment: Connection, systemId: string): Promise<AltinnRequest[]> {
  const requests: AltinnRequest[] = [];
  let token: string | null = null;
  for (let i = 0; i < MAX_REQUEST_PAGES; i++) {
    const res = await callAltinn(environment, {
      method: "GET",
      path: `/systemuser/request/vendor/bysystem/${encodeURIComponent(systemId)}`,
      query: token ? { token } : {},
    });
    const body = parseBody(requestPage, res, "requests by system");
    requests.push(...body.data);
    const next = body.links?.next;
    // The paging token is all we take from `next`: the host and path stay the environment's own.
    token = next && URL.canParse(next) ? new URL(next).searchParams.get("token") : null;
    if (!token) return requests;
  }
  throw new AppError(
    "altinn_paging",
    { nb: "Altinn sluttet ikke å bla (forespørsler).", en: "Altinn's paging never ended (requests)." },
    502,
  );
}
