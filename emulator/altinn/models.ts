// Request bodies of the Altinn APIs (CONTRACT §3.1, §4.1) and the JSON shapes served back.
// Output is camelCase with nulls omitted (WhenWritingNull), as the real service serialises it.
import { z } from "zod";
import { ciObject } from "../lib/aspnet-model";
import type { Right, StoredSystem, StoredSystemUser } from "../state/schema";

const attributePair = ciObject({ id: z.string().nullish(), value: z.string().nullish() });
export const rightInput = ciObject({ action: z.string().nullish(), resource: z.array(attributePair).nullish() });
export const accessPackageInput = ciObject({ urn: z.string().nullish() });

export const registerSystemInput = ciObject({
  id: z.string(),
  vendor: ciObject({ authority: z.string().nullish(), ID: z.string() }),
  name: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()),
  rights: z.array(rightInput).nullish(),
  accessPackages: z.array(accessPackageInput).nullish(),
  clientId: z.array(z.string()).nullish(),
  isVisible: z.boolean().nullish(),
  allowedRedirectUrls: z.array(z.string()).nullish(),
});

export const createRequestInput = ciObject({
  externalRef: z.string().nullish(),
  systemId: z.string(),
  partyOrgNo: z.string(),
  rights: z.array(rightInput).nullish(),
  accessPackages: z.array(accessPackageInput).nullish(),
  redirectUrl: z.string().nullish(),
  integrationTitle: z.string().nullish(),
});

export type RightInput = z.output<typeof rightInput>;
export type AccessPackageInput = z.output<typeof accessPackageInput>;
export type RegisterSystemInput = z.output<typeof registerSystemInput>;
export type CreateRequestInput = z.output<typeof createRequestInput>;

export function normalizeRights(rights: readonly RightInput[] | null | undefined): Right[] {
  return (rights ?? []).map((r) => ({
    ...(r.action ? { action: r.action } : {}),
    resource: (r.resource ?? []).map((p) => ({ id: p.id ?? "", value: p.value ?? "" })),
  }));
}

/** The RegisterSystemRequest as System.Text.Json writes it back (vendor.authority is a field, CONTRACT §3.1). */
export function toRegisterSystemShape(s: StoredSystem): Record<string, unknown> {
  return {
    id: s.id,
    vendor: { ID: `0192:${s.vendorOrgNo}` },
    name: s.name,
    description: s.description,
    rights: s.rights,
    accessPackages: s.accessPackages,
    clientId: s.clientIds,
    allowedRedirectUrls: s.allowedRedirectUrls,
    isVisible: s.isVisible,
  };
}

export function toRegisteredSystemResponse(s: StoredSystem): Record<string, unknown> {
  return { ...toRegisterSystemShape(s), isDeleted: s.isDeleted };
}

export function toRegisteredSystemDto(s: StoredSystem): Record<string, unknown> {
  return {
    systemId: s.id,
    systemVendorOrgNumber: s.vendorOrgNo,
    systemVendorOrgName: "",
    name: s.name,
    description: s.description,
    rights: s.rights,
    accessPackages: s.accessPackages,
    isVisible: s.isVisible,
  };
}

export function toSystemUserExternal(u: StoredSystemUser): Record<string, unknown> {
  return {
    id: u.id,
    integrationTitle: u.integrationTitle,
    systemId: u.systemId,
    productName: "",
    reporteeOrgNo: u.reporteeOrgNo,
    created: u.created,
    isDeleted: u.isDeleted,
    supplierName: "",
    supplierOrgno: u.supplierOrgno,
    externalRef: u.externalRef,
    userType: u.userType,
  };
}
