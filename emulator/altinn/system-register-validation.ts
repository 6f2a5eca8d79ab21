// POST /systemregister/vendor validation (CONTRACT §3.3), in the order SystemRegisterController
// collects it: registered-system checks, then rights, then access packages.
import { findAccessPackage } from "../data/access-packages";
import type { EmulatorData } from "../state/schema";
import type { ValidationError } from "./problems";
import type { AccessPackageInput, RegisterSystemInput, RightInput } from "./models";

const PATHS = {
  vendorId: "/registersystemrequest/vendor/id",
  systemId: "/registersystemrequest/systemid",
  redirect: "/registersystemrequest/allowedredirecturls",
  clientId: "/registersystemrequest/clientid",
  rights: "/registersystemrequest/rights/resource",
  packages: "/registersystemrequest/accesspackages",
} as const;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Altinn accepts only absolute https redirect URLs (AUTH.VLD-00005). Documented emulator exception:
 * plain http is also accepted when the host is a loopback address, so a portal running locally
 * (http://localhost:3000/...) can receive the customer's redirect. Real tt02 will reject such URLs.
 */
export function isAllowedRedirectUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
}

export function vendorIdError(input: RegisterSystemInput): ValidationError | null {
  return input.vendor.ID.startsWith("0192:") ? null : { code: "AUTH.VLD-00000", path: PATHS.vendorId };
}

export function validateNewSystem(input: RegisterSystemInput, data: EmulatorData): ValidationError[] {
  const errors: ValidationError[] = [];
  const vendorOrgNo = input.vendor.ID.slice("0192:".length);
  if (/\s/.test(input.id)) errors.push({ code: "AUTH.VLD-00013", path: PATHS.systemId });
  if (input.id.split("_")[0] !== vendorOrgNo) errors.push({ code: "AUTH.VLD-00001", path: PATHS.systemId });
  // The lookup does not filter soft-deleted systems, so their ids can never be reused.
  if (data.systems.some((s) => s.id === input.id)) errors.push({ code: "AUTH.VLD-00002", path: PATHS.systemId });
  if ((input.allowedRedirectUrls ?? []).some((u) => !isAllowedRedirectUrl(u))) errors.push({ code: "AUTH.VLD-00005", path: PATHS.redirect });
  const taken = new Set(data.systems.filter((s) => !s.isDeleted).flatMap((s) => s.clientIds.map((c) => c.toLowerCase())));
  if ((input.clientId ?? []).some((c) => taken.has(c.toLowerCase()))) errors.push({ code: "AUTH.VLD-00004", path: PATHS.clientId });
  errors.push(...validateRights(input.rights ?? []));
  errors.push(...validatePackages(input.accessPackages ?? [], input.isVisible ?? true));
  return errors;
}

function validateRights(rights: readonly RightInput[]): ValidationError[] {
  const errors: ValidationError[] = [];
  const pairs = rights.flatMap((r) => r.resource ?? []);
  const badIds = pairs.filter((p) => !/^urn:altinn:resource$/.test(p.id ?? "")).map((p) => p.id ?? "");
  if (badIds.length > 0) {
    errors.push({ code: "AUTH.VLD-00009", path: PATHS.rights, extensions: { "Invalid Resource Id Details : ": badIds.join(" | ") } });
  }
  // The emulator has no Resource Registry: every urn:altinn:resource value is treated as existing and delegable.
  const keys = rights.map((r) => JSON.stringify((r.resource ?? []).map((p) => [p.id, p.value]).sort()));
  if (new Set(keys).size !== keys.length) errors.push({ code: "AUTH.VLD-00006", path: PATHS.rights });
  return errors;
}

function validatePackages(packages: readonly AccessPackageInput[], isVisible: boolean): ValidationError[] {
  const errors: ValidationError[] = [];
  const invalidFormat: string[] = [];
  const notFound: string[] = [];
  const notDelegable: string[] = [];
  for (const { urn } of packages) {
    if (!urn || urn.split(":").length < 4) {
      invalidFormat.push(urn ?? "");
      continue;
    }
    const info = findAccessPackage(urn);
    if (!info) notFound.push(urn);
    else if (!info.isDelegable && !info.isAssignable) notDelegable.push(urn);
  }
  const details = [
    invalidFormat.length > 0 ? `Invalid format: ${invalidFormat.join(", ")}` : null,
    notFound.length > 0 ? `Not found: ${notFound.join(", ")}` : null,
    notDelegable.length > 0 ? `Not possible to delegate: ${notDelegable.join(", ")}` : null,
  ].filter((d): d is string => d !== null);
  if (details.length > 0) {
    errors.push({ code: "AUTH.VLD-00008", path: PATHS.packages, extensions: { "Invalid Urn Details : ": details.join(" | ") } });
  }
  const urns = packages.map((p) => p.urn ?? "");
  if (new Set(urns).size !== urns.length) errors.push({ code: "AUTH.VLD-00007", path: PATHS.packages });
  if (isVisible && packages.some((p) => findAccessPackage(p.urn ?? "")?.isAssignable === false)) {
    errors.push({ code: "AUTH.VLD-00018", path: PATHS.packages });
  }
  return errors;
}
