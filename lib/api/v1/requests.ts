import { z } from "zod";
import { afterCursor, page } from "@/lib/api/keyset";
import { created, defineOperation, noContent, ok } from "@/lib/api/operation";
import { ListQuery, pageOf } from "@/lib/api/pagination";
import { createRequest } from "@/lib/requests/create";
import { REQUEST_STATUSES } from "@/lib/requests/list-schema";
import { getRequestResource, listRequestResources } from "@/lib/requests/queries";
import { refreshRequest } from "@/lib/requests/refresh";
import { renewRequest } from "@/lib/requests/renew";
import { RequestResourceSchema } from "@/lib/requests/resource";
import { orgNoSchema, REQUEST_KINDS } from "@/lib/requests/schema";
import { withdrawRequest } from "@/lib/requests/withdraw";
import { getSystem } from "@/lib/systems/queries";

const RequestCreate = z
  .object({
    systemId: z.string().min(1).max(200).describe("The portal's id of the system, or Altinn's system id."),
    orgNo: orgNoSchema.describe("The customer's organisation number (mod-11 checked)."),
    kind: z
      .enum(REQUEST_KINDS)
      .default("standard")
      .describe("`standard`: the customer's own system user; `agent`: a client system user for an accounting firm."),
    redirectUrl: z
      .string()
      .url("api.errors.url")
      .max(2000, "errors.tooLong")
      .optional()
      .describe(
        "Where Altinn sends the customer after answering: one of the system's redirect URLs (a query string of your own is allowed). Left out, the customer comes back to the portal, which reads the outcome at once.",
      ),
  })
  .meta({ id: "RequestCreate" });

const IdParam = z.object({ id: z.string().max(100).describe("The portal's id of the request.") });
const location = (origin: string, id: string) => `${origin}/api/v1/requests/${id}`;

export const createRequestOp = defineOperation({
  method: "POST",
  path: "/requests",
  operationId: "createRequest",
  summary: "Ask a customer for a system user",
  description:
    "Creates a system user request in Altinn and answers with the `confirmUrl` to send the customer to. When the customer already has an open request for the system (of this kind), that one is answered with 200 instead of making a second, as the portal's own form does.",
  tag: "Requests",
  scope: "requests:write",
  body: RequestCreate,
  response: {
    status: 201,
    description: "Created.",
    schema: RequestResourceSchema,
    also: [{ status: 200, description: "An open request already existed: this is it." }],
  },
  problems: [
    "not_found",
    "system_deleted",
    "system_not_registered",
    "no_client_packages",
    "no_standard_packages",
    "redirect_not_registered",
    "altinn_validation",
    "altinn_conflict",
    "altinn_unavailable",
  ],
  async handle({ body }, { scope, origin }) {
    const system = await getSystem(scope, body.systemId);
    const r = await createRequest(scope, { ...body, systemId: system.id });
    const resource = await getRequestResource(scope, r.id);
    return r.existed ? ok(resource) : created(resource, location(origin, r.id));
  },
});

export const getRequestOp = defineOperation({
  method: "GET",
  path: "/requests/{id}",
  operationId: "getRequest",
  summary: "Get a request",
  description: "The status as the portal last read it from Altinn; `POST /requests/{id}/refresh` reads it again.",
  tag: "Requests",
  scope: "requests:read",
  params: IdParam,
  response: { status: 200, description: "The request.", schema: RequestResourceSchema },
  problems: ["not_found"],
  async handle({ params }, { scope }) {
    return ok(await getRequestResource(scope, params.id));
  },
});

export const listRequestsOp = defineOperation({
  method: "GET",
  path: "/requests",
  operationId: "listRequests",
  summary: "List requests",
  description: "Newest first.",
  tag: "Requests",
  scope: "requests:read",
  query: ListQuery.extend({
    status: z.enum(REQUEST_STATUSES).optional().describe("Only requests Altinn last gave this status."),
    orgNo: orgNoSchema.optional().describe("Only this customer's requests."),
    systemId: z.string().min(1).max(200).optional().describe("Only this system's (our id or Altinn's)."),
  }),
  response: { status: 200, description: "A page of requests.", schema: pageOf(RequestResourceSchema, "RequestPage") },
  problems: ["invalid_cursor", "not_found"],
  async handle({ query }, { scope }) {
    const after = afterCursor(query.cursor);
    const systemId = query.systemId ? (await getSystem(scope, query.systemId)).id : undefined;
    const r = await listRequestResources(scope, {
      status: query.status,
      orgNo: query.orgNo,
      systemId,
      after: after && { createdAt: after.at, id: after.id },
      limit: query.limit,
    });
    const last = r.rows.at(-1);
    return ok(page(r.rows, r.hasMore, last ? { at: new Date(last.createdAt), id: last.id } : null));
  },
});

export const renewRequestOp = defineOperation({
  method: "POST",
  path: "/requests/{id}/renew",
  operationId: "renewRequest",
  summary: "Renew a rejected or expired request, or a waiting one in its last week",
  description:
    "Deletes the old request at Altinn and makes a new one for the same customer and system; the old one's `deletedAt` is set and both timelines link to each other. A request still waiting may be renewed in the last 7 of its 28 days: the customer gets a new confirm link and 28 fresh days.",
  tag: "Requests",
  scope: "requests:write",
  params: IdParam,
  response: { status: 201, description: "The new request.", schema: RequestResourceSchema },
  problems: ["not_found", "request_not_renewable", "system_deleted", "altinn_validation", "altinn_unavailable"],
  async handle({ params }, { scope, origin }) {
    const renewed = await renewRequest(scope, params.id);
    return created(await getRequestResource(scope, renewed.id), location(origin, renewed.id));
  },
});

export const refreshRequestOp = defineOperation({
  method: "POST",
  path: "/requests/{id}/refresh",
  operationId: "refreshRequest",
  summary: "Read a request's status from Altinn now",
  description:
    "The portal checks waiting requests by itself (and sends events); call this when the customer has just come back to your redirect URL.",
  tag: "Requests",
  scope: "requests:write",
  params: IdParam,
  response: { status: 200, description: "The request as Altinn now has it.", schema: RequestResourceSchema },
  problems: ["not_found", "altinn_unavailable"],
  async handle({ params }, { scope }) {
    await refreshRequest(scope, params.id);
    return ok(await getRequestResource(scope, params.id));
  },
});

export const withdrawRequestOp = defineOperation({
  method: "DELETE",
  path: "/requests/{id}",
  operationId: "withdrawRequest",
  summary: "Withdraw a waiting request",
  description:
    "Deletes the request at Altinn, so its confirm link stops working. Withdrawing one already deleted answers 204 again.",
  tag: "Requests",
  scope: "requests:write",
  params: IdParam,
  response: { status: 204, description: "Withdrawn." },
  problems: ["not_found", "request_not_open", "altinn_unavailable"],
  async handle({ params }, { scope }) {
    await withdrawRequest(scope, params.id);
    return noContent();
  },
});
