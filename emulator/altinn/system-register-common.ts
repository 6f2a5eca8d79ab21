// Pieces shared by the System Register route modules (CONTRACT §3.2).
import type { StoredSystem } from "../state/schema";
import { SCOPES, type Caller } from "./auth";
import { normalizeRights, type RegisterSystemInput } from "./models";

export const SYSTEM_REGISTER_BASE = "/authentication/api/v1/systemregister";
export const WRITE_SCOPES = [SCOPES.systemRegisterWrite, SCOPES.systemRegisterAdmin];

/** Ownership rule: the token's consumer must be the vendor, unless the caller has the admin scope. */
export function mayWrite(caller: Caller, vendorOrgNo: string): boolean {
  return caller.scopes.has(SCOPES.systemRegisterAdmin) || caller.vendorOrgNo === vendorOrgNo;
}

/** The stored form of a (bound, trimmed) RegisterSystemRequest; lists default to empty. */
export function systemFromInput(
  input: RegisterSystemInput,
  base: Pick<StoredSystem, "internalId" | "vendorOrgNo" | "created">,
): StoredSystem {
  return {
    ...base,
    id: input.id,
    name: input.name,
    description: input.description,
    rights: normalizeRights(input.rights),
    accessPackages: (input.accessPackages ?? []).map((p) => ({ urn: p.urn ?? "" })),
    clientIds: input.clientId ?? [],
    allowedRedirectUrls: input.allowedRedirectUrls ?? [],
    isVisible: input.isVisible ?? true,
    isDeleted: false,
  };
}
