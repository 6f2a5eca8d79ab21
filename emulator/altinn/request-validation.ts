// RequestSystemUserService.CreateRequest validation (CONTRACT §4.1 step 4), in the service's order.
// The redirect, rights and package rules are reused by change requests (§4.4).
import { findAccessPackage } from "../data/access-packages";
import { findOrganisation } from "../data/entities";
import type { EmulatorData, RequestStatus, Right, StoredRequest, StoredSystem } from "../state/schema";
import type { AccessPackageInput, CreateRequestInput } from "./models";
import { normalizeRights } from "./models";
import type { AuthCode } from "./problems";
import type { RequestKind } from "./request-store";

export interface RequestProblem {
  code: AuthCode;
  extensions?: Record<string, string>;
}

/** The fields both create bodies share; agent bodies have no `rights`. */
export type RequestInput = Pick<CreateRequestInput, "systemId" | "partyOrgNo" | "redirectUrl" | "accessPackages"> & {
  rights?: CreateRequestInput["rights"];
};

/** `scheme://host[:port]/path`, i.e. .NET's Uri.GetLeftPart(UriPartial.Path): query and fragment ignored. */
function leftPart(value: string): string | null {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return null;
  }
}

function rightKey(pair: { id: string; value: string }): string {
  return `${pair.id}\u0000${pair.value}`;
}

export function rightsAreRegistered(requested: readonly Right[], system: StoredSystem): boolean {
  const registered = new Set(system.rights.flatMap((r) => r.resource.map(rightKey)));
  return requested.every((r) => r.resource.every((p) => registered.has(rightKey(p))));
}

/** AUTH-00026 / AUTH-00021; an empty or absent redirectUrl is not checked. */
export function checkRedirect(redirectUrl: string | null | undefined, system: StoredSystem): RequestProblem | null {
  if (!redirectUrl) return null;
  if (system.allowedRedirectUrls.length === 0) return { code: "AUTH-00026" };
  const wanted = leftPart(redirectUrl);
  if (wanted === null || !system.allowedRedirectUrls.some((u) => leftPart(u) === wanted)) return { code: "AUTH-00021" };
  return null;
}

/** AUTH-00063 (with NotFoundPackages), then the flag rule for the kind of system user (§6.1). */
export function checkPackages(
  packages: readonly AccessPackageInput[],
  system: StoredSystem,
  kind: RequestKind,
): RequestProblem | null {
  if (packages.length === 0) return null;
  const registered = new Set(system.accessPackages.map((p) => p.urn));
  const notFound = packages.map((p) => p.urn ?? "").filter((urn) => !registered.has(urn));
  if (notFound.length > 0 || packages.length > system.accessPackages.length) {
    return { code: "AUTH-00063", extensions: { NotFoundPackages: notFound.join(", ") } };
  }
  if (kind === "standard") {
    // A standard system user can only hold assignable packages (client packages are for agents).
    if (packages.some((p) => findAccessPackage(p.urn ?? "")?.isAssignable !== true)) return { code: "AUTH-00064" };
    return null;
  }
  const notDelegable = packages.map((p) => p.urn ?? "").filter((urn) => findAccessPackage(urn)?.isDelegable !== true);
  if (notDelegable.length > 0)
    return { code: "AUTH-00065", extensions: { NotDelegablePackages: notDelegable.join(", ") } };
  return null;
}

const EXISTING_STATUS_PROBLEMS: Partial<Record<RequestStatus, AuthCode>> = {
  Accepted: "AUTH-00006",
  New: "AUTH-00007",
  Denied: "AUTH-00008",
  Rejected: "AUTH-00009",
};

export function validateCreateRequest(
  input: RequestInput,
  kind: RequestKind,
  vendorOrgNo: string,
  data: EmulatorData,
  existing: StoredRequest | undefined,
): RequestProblem | StoredSystem {
  const system = data.systems.find((s) => s.id === input.systemId && !s.isDeleted);
  if (!system) return { code: "AUTH-00011" };
  // Reached only when the idempotent shortcut did not apply (e.g. the triple's request belongs to a
  // system the caller does not own); the service checks it before ownership.
  const existingProblem = existing ? EXISTING_STATUS_PROBLEMS[existing.status] : undefined;
  if (existingProblem) return { code: existingProblem };
  if (system.vendorOrgNo !== vendorOrgNo) return { code: "AUTH-00011" };
  if (!findOrganisation(input.partyOrgNo) && !data.extraOrganisations.some((o) => o.orgNo === input.partyOrgNo))
    return { code: "AUTH-00000" };
  const redirectProblem = checkRedirect(input.redirectUrl, system);
  if (redirectProblem) return redirectProblem;

  const packages = input.accessPackages ?? [];
  if (kind === "standard") {
    if (input.rights == null && input.accessPackages == null) return { code: "AUTH-00001" };
    const rights = normalizeRights(input.rights);
    if (rights.length === 0 && packages.length === 0) return { code: "AUTH-00059" };
    if (rights.length > 0 && !rightsAreRegistered(rights, system)) return { code: "AUTH-00001" };
  }
  const packageProblem = checkPackages(packages, system, kind);
  if (packageProblem) return packageProblem;
  if (kind === "agent" && packages.length === 0) return { code: "AUTH-00058" };
  return system;
}
