// Client delegation rules (CONTRACT §5.2), shared by the API and the client-admin page so both give
// the same answers: agent lookup, the facilitator's clients, and adding/removing a client.
import {
  canAdministerClients,
  clientsOf,
  findClientRelation,
  findOrganisation,
  findOrganisationByPartyUuid,
  partyUuid,
} from "../data/entities";
import type { EmulatorData, StoredSystemUser } from "../state/schema";
import type { Store } from "../state/store";
import type { AuthCode } from "./problems";

export type DelegationError =
  | {
      kind: "validation";
      code: "AUTH.VLD-00014" | "AUTH.VLD-00015" | "AUTH.VLD-00016";
      title: string;
      path: "?agent" | "?client";
    }
  | { kind: "notFound"; title: string }
  | { kind: "forbidden" }
  | { kind: "problem"; code: AuthCode };

export type Result<T> = { ok: true; value: T } | { ok: false; error: DelegationError };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fail = <T>(error: DelegationError): Result<T> => ({ ok: false, error });

const agentInvalid = (title: string): DelegationError => ({
  kind: "validation",
  code: "AUTH.VLD-00014",
  title,
  path: "?agent",
});
const CLIENT_INVALID: DelegationError = {
  kind: "validation",
  code: "AUTH.VLD-00016",
  title: "The client query parameter is missing or invalid",
  path: "?client",
};

export interface ClientInfo {
  clientId: string;
  clientOrganizationNumber: string;
  clientOrganizationName: string;
}

/** Resolves `?agent=` to an agent system user whose owner (the facilitator) is a known party. */
export function resolveAgent(data: EmulatorData, agent: string | null): Result<StoredSystemUser> {
  if (!agent || !UUID.test(agent)) return fail(agentInvalid("The agent query parameter is missing or invalid"));
  const user = data.systemUsers.find((u) => u.id === agent.toLowerCase() && !u.isDeleted);
  // The service reuses VLD-00014 with another title for an unknown system user.
  if (!user) return fail(agentInvalid("System user not found"));
  if (user.userType !== "agent") {
    return fail({
      kind: "validation",
      code: "AUTH.VLD-00015",
      title: "SystemUser is not a valid system user of type agent",
      path: "?agent",
    });
  }
  if (!findOrganisation(user.reporteeOrgNo)) return fail({ kind: "notFound", title: "System Owner not Found" });
  return { ok: true, value: user };
}

/** The PDP check on `altinn_client_administration` for the facilitator party. */
export function checkClientAdmin(pid: string, facilitatorOrgNo: string): DelegationError | null {
  return canAdministerClients(pid, facilitatorOrgNo) ? null : { kind: "forbidden" };
}

function info(orgNo: string): ClientInfo {
  return {
    clientId: partyUuid(orgNo),
    clientOrganizationNumber: orgNo,
    clientOrganizationName: findOrganisation(orgNo)?.name ?? "",
  };
}

function missingPackages(agent: StoredSystemUser, granted: readonly string[]): string[] {
  return agent.accessPackages.map((p) => p.urn).filter((urn) => !granted.includes(urn));
}

/** Clients of the facilitator holding every package the agent requires (delegated or not). */
export function availableClients(agent: StoredSystemUser): ClientInfo[] {
  return clientsOf(agent.reporteeOrgNo)
    .filter((c) => missingPackages(agent, c.packages).length === 0)
    .map((c) => info(c.clientOrgNo));
}

export function delegatedClients(data: EmulatorData, agent: StoredSystemUser): ClientInfo[] {
  return data.delegations.filter((d) => d.agentSystemUserId === agent.id).map((d) => info(d.clientOrgNo));
}

export function isDelegatedClient(data: EmulatorData, agentId: string, clientOrgNo: string): boolean {
  return data.delegations.some((d) => d.agentSystemUserId === agentId && d.clientOrgNo === clientOrgNo);
}

/** Resolves `?client=` (a party uuid) to a client org of the agent's facilitator. */
function resolveClient(agent: StoredSystemUser, client: string | null): Result<string> {
  if (!client || !UUID.test(client)) return fail(CLIENT_INVALID);
  const org = findOrganisationByPartyUuid(client);
  const relation = org ? findClientRelation(agent.reporteeOrgNo, org.orgNo) : undefined;
  if (!relation) return fail({ kind: "problem", code: "AUTH-00079" });
  return { ok: true, value: relation.clientOrgNo };
}

/** Delegates the client to the agent; delegating an already delegated client is a no-op success. */
export function addClient(store: Store, agent: StoredSystemUser, client: string | null, now: Date): Result<string> {
  const resolved = resolveClient(agent, client);
  if (!resolved.ok) return resolved;
  const clientOrgNo = resolved.value;
  const relation = findClientRelation(agent.reporteeOrgNo, clientOrgNo);
  if (!relation || missingPackages(agent, relation.packages).length > 0)
    return fail({ kind: "problem", code: "AUTH-00080" });
  if (!isDelegatedClient(store.data, agent.id, clientOrgNo)) {
    store.mutate((d) => {
      d.delegations.push({ agentSystemUserId: agent.id, clientOrgNo, created: now.toISOString() });
    });
  }
  return { ok: true, value: partyUuid(clientOrgNo) };
}

export function removeClient(store: Store, agent: StoredSystemUser, client: string | null): Result<string> {
  const resolved = resolveClient(agent, client);
  if (!resolved.ok) return resolved;
  const clientOrgNo = resolved.value;
  if (!isDelegatedClient(store.data, agent.id, clientOrgNo)) return fail({ kind: "problem", code: "AUTH-00038" });
  store.mutate((d) => {
    d.delegations = d.delegations.filter((x) => !(x.agentSystemUserId === agent.id && x.clientOrgNo === clientOrgNo));
  });
  return { ok: true, value: partyUuid(clientOrgNo) };
}
