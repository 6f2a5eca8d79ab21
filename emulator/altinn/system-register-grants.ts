// Rights and access-package validation shared by POST, PUT, PUT /rights and PUT /accesspackages of
// the System Register (CONTRACT §3.3), in SystemRegisterController's order: rights 00009, 00003,
// 00017, 00006, then packages 00008, 00007, 00018.
import { findAccessPackage } from "../data/access-packages";
import { findResource, isDelegableResourceType } from "../data/resources";
import type { AccessPackageInput, RightInput } from "./models";
import type { ValidationError } from "./problems";

export const REGISTER_PATHS = {
  vendorId: "/registersystemrequest/vendor/id",
  systemId: "/registersystemrequest/systemid",
  redirect: "/registersystemrequest/allowedredirecturls",
  clientId: "/registersystemrequest/clientid",
  rights: "/registersystemrequest/rights/resource",
  packages: "/registersystemrequest/accesspackages",
} as const;

const RESOURCE_ATTRIBUTE = /^urn:altinn:resource$/;

function listError(code: ValidationError["code"], key: string, items: readonly string[]): ValidationError[] {
  // Each list becomes one error whose extension value joins the offenders with " | " (AddErrorIfAny).
  return items.length > 0 ? [{ code, path: REGISTER_PATHS.rights, extensions: { [key]: items.join(" | ") } }] : [];
}

export function validateRights(rights: readonly RightInput[]): ValidationError[] {
  const invalidFormat: string[] = [];
  const notFound: string[] = [];
  const notDelegable: string[] = [];
  for (const pair of rights.flatMap((r) => r.resource ?? [])) {
    const id = pair.id ?? "";
    const value = pair.value ?? "";
    if (!RESOURCE_ATTRIBUTE.test(id)) {
      invalidFormat.push(id);
      continue;
    }
    const resource = findResource(value);
    if (!resource) notFound.push(value);
    else if (!isDelegableResourceType(resource.resourceType)) notDelegable.push(value);
  }
  const errors = [
    ...listError("AUTH.VLD-00009", "Invalid Resource Id Details : ", invalidFormat),
    ...listError("AUTH.VLD-00003", "ResourceIds Not Found : ", notFound),
    ...listError("AUTH.VLD-00017", "ResourceIds Not Delegable : ", notDelegable),
  ];
  // Two rights are duplicates when they carry the same set of attribute pairs (and action).
  const keys = rights.map((r) =>
    JSON.stringify([r.action ?? "", (r.resource ?? []).map((p) => `${p.id ?? ""}=${p.value ?? ""}`).sort()]),
  );
  if (new Set(keys).size !== keys.length) errors.push({ code: "AUTH.VLD-00006", path: REGISTER_PATHS.rights });
  return errors;
}

export function validatePackages(packages: readonly AccessPackageInput[], isVisible: boolean): ValidationError[] {
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
    errors.push({
      code: "AUTH.VLD-00008",
      path: REGISTER_PATHS.packages,
      extensions: { "Invalid Urn Details : ": details.join(" | ") },
    });
  }
  const urns = packages.map((p) => p.urn ?? "");
  if (new Set(urns).size !== urns.length) errors.push({ code: "AUTH.VLD-00007", path: REGISTER_PATHS.packages });
  if (isVisible && packages.some((p) => findAccessPackage(p.urn ?? "")?.isAssignable === false)) {
    errors.push({ code: "AUTH.VLD-00018", path: REGISTER_PATHS.packages });
  }
  return errors;
}
