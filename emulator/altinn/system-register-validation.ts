// POST and PUT /systemregister/vendor validation (CONTRACT §3.3), in the order
// SystemRegisterController collects it: registered-system checks, then rights, then access packages
// (system-register-grants.ts), then (PUT only) client ids.
import type { EmulatorData, StoredSystem } from "../state/schema";
import type { ValidationError } from "./problems";
import type { RegisterSystemInput } from "./models";
import { REGISTER_PATHS as PATHS, validatePackages, validateRights } from "./system-register-grants";

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
  if ((input.allowedRedirectUrls ?? []).some((u) => !isAllowedRedirectUrl(u)))
    errors.push({ code: "AUTH.VLD-00005", path: PATHS.redirect });
  // Soft-deleted systems release their client ids.
  const taken = new Set(
    data.systems.filter((s) => !s.isDeleted).flatMap((s) => s.clientIds.map((c) => c.toLowerCase())),
  );
  if ((input.clientId ?? []).some((c) => taken.has(c.toLowerCase())))
    errors.push({ code: "AUTH.VLD-00004", path: PATHS.clientId });
  errors.push(...validateRights(input.rights ?? []));
  errors.push(...validatePackages(input.accessPackages ?? [], input.isVisible ?? true));
  return errors;
}

/**
 * PUT (whole system) after the id-mismatch and deleted checks: rights, packages, then client ids.
 * Id format, redirect URLs and the vendor identifier are not re-checked, as in the real service.
 */
export function validateSystemUpdate(
  input: RegisterSystemInput,
  current: StoredSystem,
  data: EmulatorData,
): ValidationError[] {
  const errors = [
    ...validateRights(input.rights ?? []),
    ...validatePackages(input.accessPackages ?? [], input.isVisible ?? true),
  ];
  const clientIds = input.clientId ?? [];
  const seen = new Set<string>();
  if (clientIds.some((c) => seen.size === seen.add(c.toLowerCase()).size))
    errors.push({ code: "AUTH.VLD-00011", path: PATHS.clientId });
  const others = data.systems.filter((s) => !s.isDeleted && s.internalId !== current.internalId);
  // ValidateClientIds adds one error per client id used by another active system.
  for (const clientId of clientIds) {
    if (others.some((s) => s.clientIds.some((c) => c.toLowerCase() === clientId.toLowerCase()))) {
      errors.push({ code: "AUTH.VLD-00004", path: PATHS.clientId });
    }
  }
  return errors;
}
