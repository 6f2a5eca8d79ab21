// The customer's decisions (CONTRACT §4.3, §5.1): approve, reject or escalate a request, and delete a
// system user. Shared by the confirm pages and the admin shortcuts so both have exactly the same effect.
import { randomUUID } from "node:crypto";
import type { Store } from "../state/store";
import type { StoredRequest, StoredSystemUser } from "../state/schema";
import { isLive, kindOf, type RequestKind } from "./request-store";

export type Decision = "approve" | "reject";
export type DecisionResult = { ok: true; request: StoredRequest } | { ok: false; code: "AUTH-00010" | "AUTH-00013" };

/** emu.now() for callers that only hold the store (the shared admin routes). */
function storeNow(store: Store): Date {
  return new Date(Date.now() + store.data.control.clockOffsetMs);
}

/** A live request of the given kind (any kind when omitted), or the problem code to answer with. */
function findOpen(
  store: Store,
  requestId: string,
  now: Date,
  kind?: RequestKind,
): StoredRequest | "AUTH-00010" | "AUTH-00013" {
  const request = store.data.requests.find((r) => r.id === requestId && isLive(r, now));
  if (!request || (kind !== undefined && kindOf(request) !== kind)) return "AUTH-00010";
  if (request.status !== "New") return "AUTH-00013";
  return request;
}

export function decideRequest(
  store: Store,
  requestId: string,
  decision: Decision,
  personId: string,
  now: Date = storeNow(store),
  kind?: RequestKind,
): DecisionResult {
  const request = findOpen(store, requestId, now, kind);
  if (typeof request === "string") return { ok: false, code: request };
  const system = store.data.systems.find((s) => s.id === request.systemId);
  store.mutate((d) => {
    request.decidedBy = personId;
    if (decision === "reject") {
      request.status = "Rejected";
      return;
    }
    request.status = "Accepted";
    // An agent request yields an agent system user owned by the party (the facilitator), which it
    // later delegates clients to; it never carries single rights.
    const agent = kindOf(request) === "agent";
    d.systemUsers.push({
      id: randomUUID(),
      integrationTitle: request.integrationTitle ?? system?.name.nb ?? request.systemId,
      systemId: request.systemId,
      systemInternalId: system?.internalId ?? "",
      reporteeOrgNo: request.partyOrgNo,
      supplierOrgno: system?.vendorOrgNo ?? "",
      externalRef: request.externalRef,
      rights: agent ? [] : request.rights,
      accessPackages: request.accessPackages,
      created: now.toISOString(),
      isDeleted: false,
      userType: agent ? "agent" : "standard",
      requestId: request.id,
    });
  });
  return { ok: true, request };
}

/** Escalation hands the request to the org's access managers: `escalated: true`, status stays New. */
export function escalateRequest(store: Store, requestId: string, now: Date, kind?: RequestKind): DecisionResult {
  const request = findOpen(store, requestId, now, kind);
  if (typeof request === "string") return { ok: false, code: request };
  store.mutate(() => {
    request.escalated = true;
  });
  return { ok: true, request };
}

export type DeleteResult =
  { ok: true; systemUser: StoredSystemUser } | { ok: false; code: "AUTH-00015" | "AUTH-00035" };

/**
 * The customer's DELETE /systemuser/{party}/{id}: soft-deletes the system user and its originating
 * request, so the vendor may request the same triple again (CONTRACT §5.1).
 */
export function deleteSystemUser(store: Store, systemUserId: string, partyOrgNo?: string): DeleteResult {
  const user = store.data.systemUsers.find(
    (u) => u.id === systemUserId && !u.isDeleted && (partyOrgNo === undefined || u.reporteeOrgNo === partyOrgNo),
  );
  if (!user) return { ok: false, code: "AUTH-00015" };
  // An agent system user keeps its clients until they are removed (CONTRACT §7.2 AUTH-00035).
  if (store.data.delegations.some((d) => d.agentSystemUserId === user.id)) return { ok: false, code: "AUTH-00035" };
  store.mutate((d) => {
    user.isDeleted = true;
    const origin = d.requests.find((r) => r.id === user.requestId);
    if (origin) origin.isDeleted = true;
  });
  return { ok: true, systemUser: user };
}
