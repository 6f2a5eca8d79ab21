// The customer's decision on a change request (CONTRACT §4.4): approval applies the required and
// unwanted rights and packages to the system user. Adding what is there or removing what is absent
// is a no-op, so a change request is idempotent.
import type { StoredChangeRequest } from "../state/change-request-schema";
import type { AccessPackageRef, Right } from "../state/schema";
import type { Store } from "../state/store";
import type { Decision } from "./approval";

export type ChangeDecisionResult =
  { ok: true; changeRequest: StoredChangeRequest } | { ok: false; code: "AUTH-00010" | "AUTH-00013" | "AUTH-00015" };

function rightKey(r: Right): string {
  return JSON.stringify(r.resource.map((p) => [p.id, p.value]));
}

function applyRights(current: readonly Right[], add: readonly Right[], remove: readonly Right[]): Right[] {
  const unwanted = new Set(remove.map(rightKey));
  const kept = current.filter((r) => !unwanted.has(rightKey(r)));
  const present = new Set(kept.map(rightKey));
  return [...kept, ...add.filter((r) => !present.has(rightKey(r)) && !unwanted.has(rightKey(r)))];
}

function applyPackages(
  current: readonly AccessPackageRef[],
  add: readonly AccessPackageRef[],
  remove: readonly AccessPackageRef[],
): AccessPackageRef[] {
  const unwanted = new Set(remove.map((p) => p.urn));
  const kept = current.filter((p) => !unwanted.has(p.urn));
  const present = new Set(kept.map((p) => p.urn));
  return [...kept, ...add.filter((p) => !present.has(p.urn) && !unwanted.has(p.urn))];
}

function findOpen(store: Store, id: string): StoredChangeRequest | "AUTH-00010" | "AUTH-00013" {
  const change = store.data.changeRequests.find((c) => c.id === id && !c.isDeleted);
  if (!change) return "AUTH-00010";
  if (change.status !== "New") return "AUTH-00013";
  return change;
}

export function decideChangeRequest(
  store: Store,
  id: string,
  decision: Decision,
  personId: string,
): ChangeDecisionResult {
  const change = findOpen(store, id);
  if (typeof change === "string") return { ok: false, code: change };
  const user = store.data.systemUsers.find((u) => u.id === change.systemUserId && !u.isDeleted);
  if (decision === "approve" && !user) return { ok: false, code: "AUTH-00015" };
  store.mutate(() => {
    change.decidedBy = personId;
    change.status = decision === "approve" ? "Accepted" : "Rejected";
    if (decision === "approve" && user) {
      user.rights = applyRights(user.rights, change.requiredRights, change.unwantedRights);
      user.accessPackages = applyPackages(
        user.accessPackages,
        change.requiredAccessPackages,
        change.unwantedAccessPackages,
      );
    }
  });
  return { ok: true, changeRequest: change };
}

export function escalateChangeRequest(store: Store, id: string): ChangeDecisionResult {
  const change = findOpen(store, id);
  if (typeof change === "string") return { ok: false, code: change };
  store.mutate(() => {
    change.escalated = true;
  });
  return { ok: true, changeRequest: change };
}
