// The customer's decision on a request (CONTRACT §4.3). Shared by the confirm page and the admin API
// so both have exactly the same effect.
import { randomUUID } from "node:crypto";
import type { Store } from "../state/store";
import type { StoredRequest } from "../state/schema";

export type Decision = "approve" | "reject";
export type DecisionResult = { ok: true; request: StoredRequest } | { ok: false; code: "AUTH-00010" | "AUTH-00013" };

export function decideRequest(store: Store, requestId: string, decision: Decision, personId: string): DecisionResult {
  const request = store.data.requests.find((r) => r.id === requestId && !r.isDeleted);
  if (!request) return { ok: false, code: "AUTH-00010" };
  if (request.status !== "New") return { ok: false, code: "AUTH-00013" };
  const system = store.data.systems.find((s) => s.id === request.systemId);
  store.mutate((d) => {
    request.decidedBy = personId;
    if (decision === "reject") {
      request.status = "Rejected";
      return;
    }
    request.status = "Accepted";
    d.systemUsers.push({
      id: randomUUID(),
      integrationTitle: request.integrationTitle ?? system?.name.nb ?? request.systemId,
      systemId: request.systemId,
      systemInternalId: system?.internalId ?? "",
      reporteeOrgNo: request.partyOrgNo,
      supplierOrgno: system?.vendorOrgNo ?? "",
      externalRef: request.externalRef,
      rights: request.rights,
      accessPackages: request.accessPackages,
      created: new Date().toISOString(),
      isDeleted: false,
      userType: "standard",
      requestId: request.id,
    });
  });
  return { ok: true, request };
}
