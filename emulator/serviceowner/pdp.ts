// The emulator's "PDP": may this system user act on `resource` for `orgNo`? A deliberately small
// stand-in for Altinn Authorization, using the system user's packages and client delegations.
import { findClientRelation } from "../data/entities";
import { findResource, packagesCoveringResource } from "../data/resources";
import type { EmulatorData } from "../state/schema";
import { isDelegatedClient } from "../altinn/client-delegation-service";

/** Packages that grant the resource, or undefined when the Resource Registry does not know it. */
export function packagesCovering(resource: string): readonly string[] | undefined {
  return findResource(resource) ? packagesCoveringResource(resource) : undefined;
}

export interface PdpInput {
  systemUserId: string;
  resource: string;
  orgNo: string;
}

export interface PdpDecision {
  decision: "Permit" | "Deny" | "NotApplicable";
  reason: string;
}

export function decide(data: EmulatorData, input: PdpInput): PdpDecision {
  const user = data.systemUsers.find((u) => u.id === input.systemUserId.toLowerCase());
  if (!user || user.isDeleted) return { decision: "NotApplicable", reason: "System user not found or deleted" };
  const covering = packagesCovering(input.resource);
  if (!covering) return { decision: "NotApplicable", reason: `Unknown resource ${input.resource}` };
  const held = user.accessPackages.map((p) => p.urn).filter((urn) => covering.includes(urn));
  if (user.userType === "standard") {
    if (user.reporteeOrgNo !== input.orgNo) {
      return { decision: "NotApplicable", reason: `System user acts for ${user.reporteeOrgNo}, not ${input.orgNo}` };
    }
    const singleRight = user.rights.some((r) => r.resource.some((p) => p.value === input.resource));
    if (held.length > 0 || singleRight)
      return { decision: "Permit", reason: "System user holds an access package or right covering the resource" };
    return { decision: "Deny", reason: `System user holds none of ${covering.join(", ")}` };
  }
  if (!isDelegatedClient(data, user.id, input.orgNo)) {
    return { decision: "NotApplicable", reason: `${input.orgNo} is not a delegated client of the agent system user` };
  }
  const granted = findClientRelation(user.reporteeOrgNo, input.orgNo)?.packages ?? [];
  if (held.some((urn) => granted.includes(urn)))
    return { decision: "Permit", reason: "Client delegation grants a package covering the resource" };
  return {
    decision: "Deny",
    reason: `Neither the agent nor the client relationship provides one of ${covering.join(", ")}`,
  };
}
