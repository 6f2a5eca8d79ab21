import "server-only";
import { z } from "zod";
import type { EnvironmentView } from "@/lib/dal/environments";
import { callAltinn, parseBody } from "@/lib/altinn/http";

export const REQUEST_STATUSES = ["New", "Accepted", "Rejected", "Denied", "Timedout"] as const;

const requestResponse = z.object({
  id: z.uuid(),
  externalRef: z.string().optional(),
  systemId: z.string(),
  partyOrgNo: z.string(),
  accessPackages: z.array(z.object({ urn: z.string() })).optional().default([]),
  status: z.enum(REQUEST_STATUSES),
  redirectUrl: z.string().optional(),
  confirmUrl: z.url(),
  // Set when the approver lacked rights and sent it on to someone who has them (CONTRACT §4.3).
  escalated: z.boolean().optional().default(false),
}).loose();
export type AltinnRequest = z.infer<typeof requestResponse>;

/** Altinn's SystemUserExternalDTO, as byquery and the bysystem list return it (CONTRACT §5.1). */
export const systemUserSchema = z.object({
  id: z.uuid(),
  systemId: z.string(),
  reporteeOrgNo: z.string(),
  externalRef: z.string().optional(),
  userType: z.string().optional(),
  created: z.string().optional(),
  isDeleted: z.boolean().optional(),
}).loose();
export type AltinnSystemUser = z.infer<typeof systemUserSchema>;

export type CreateRequestInput = { systemId: string; partyOrgNo: string; externalRef: string; accessPackages: string[]; redirectUrl: string };

/** Create is idempotent per (system, org, externalRef): Altinn returns the existing request with 200. */
export async function createStandardRequest(environment: EnvironmentView, input: CreateRequestInput, opts: { logInBackground?: boolean } = {}) {
  const res = await callAltinn(environment, {
    ...opts,
    method: "POST",
    path: "/systemuser/request/vendor",
    body: {
      systemId: input.systemId,
      partyOrgNo: input.partyOrgNo,
      externalRef: input.externalRef,
      accessPackages: input.accessPackages.map((urn) => ({ urn })),
      redirectUrl: input.redirectUrl,
    },
  });
  return { request: parseBody(requestResponse, res, "request create"), existed: res.status === 200 };
}

export async function getRequest(environment: EnvironmentView, altinnRequestId: string): Promise<AltinnRequest | null> {
  const res = await callAltinn(environment, { method: "GET", path: `/systemuser/request/vendor/${altinnRequestId}` }, [404]);
  return res.status === 404 ? null : parseBody(requestResponse, res, "request get");
}

export async function findSystemUser(environment: EnvironmentView, q: { systemId: string; orgNo: string; externalRef: string }) {
  const res = await callAltinn(environment, {
    method: "GET",
    path: "/systemuser/vendor/byquery",
    query: { "system-id": q.systemId, orgno: q.orgNo, "external-ref": q.externalRef },
  }, [404]);
  return res.status === 404 ? null : parseBody(systemUserSchema, res, "system user byquery");
}

/** Soft-deletes a request (202). Altinn keeps a Rejected request for its triple until it is deleted. */
export async function deleteRequest(environment: EnvironmentView, altinnRequestId: string): Promise<void> {
  await callAltinn(environment, { method: "DELETE", path: `/systemuser/request/vendor/${altinnRequestId}` }, [404]);
}
