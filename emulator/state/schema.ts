// The emulator's persistent state. The zod schema is the single source of truth for the stored
// shapes, so a state file written by an older run is validated rather than trusted.
import { z } from "zod";
import { changeRequestSchema } from "./change-request-schema";
import { changelogEntrySchema } from "./changelog-schema";
import { controlSchema } from "./control-schema";
import { delegationSchema } from "./delegation-schema";

import { accessPackageRefSchema, attributePairSchema, rightSchema } from "./common-schema";

export { accessPackageRefSchema, attributePairSchema, rightSchema } from "./common-schema";

export const publicRsaJwkSchema = z.object({
  kty: z.literal("RSA"),
  kid: z.string(),
  n: z.string(),
  e: z.string(),
  alg: z.string().optional(),
  use: z.string().optional(),
  /** ISO 8601 instant after which Maskinporten rejects grants signed with this key (MP-121); absent = never. */
  expiresAt: z.string().optional(),
});

export const privateRsaJwkSchema = publicRsaJwkSchema.extend({
  d: z.string(),
  p: z.string(),
  q: z.string(),
  dp: z.string(),
  dq: z.string(),
  qi: z.string(),
});

export const clientSchema = z.object({
  clientId: z.string(),
  orgNo: z.string(),
  scopes: z.array(z.string()),
  keys: z.array(publicRsaJwkSchema),
});

export const systemSchema = z.object({
  internalId: z.string(),
  id: z.string(),
  vendorOrgNo: z.string(),
  name: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()),
  rights: z.array(rightSchema),
  accessPackages: z.array(accessPackageRefSchema),
  clientIds: z.array(z.string()),
  allowedRedirectUrls: z.array(z.string()),
  isVisible: z.boolean(),
  isDeleted: z.boolean(),
  created: z.string(),
});

export const requestStatusSchema = z.enum(["New", "Accepted", "Rejected", "Denied", "Timedout"]);

export const requestSchema = z.object({
  id: z.string(),
  integrationTitle: z.string().optional(),
  externalRef: z.string(),
  systemId: z.string(),
  partyOrgNo: z.string(),
  rights: z.array(rightSchema),
  accessPackages: z.array(accessPackageRefSchema),
  status: requestStatusSchema,
  redirectUrl: z.string().optional(),
  escalated: z.boolean(),
  created: z.string(),
  isDeleted: z.boolean(),
  decidedBy: z.string().optional(),
  /** Absent on standard requests (and in older state files); "agent" for POST vendor/agent. */
  requestType: z.enum(["standard", "agent"]).optional(),
});

export const systemUserSchema = z.object({
  id: z.string(),
  integrationTitle: z.string(),
  systemId: z.string(),
  systemInternalId: z.string(),
  reporteeOrgNo: z.string(),
  supplierOrgno: z.string(),
  externalRef: z.string(),
  rights: z.array(rightSchema),
  accessPackages: z.array(accessPackageRefSchema),
  created: z.string(),
  isDeleted: z.boolean(),
  userType: z.enum(["standard", "agent"]),
  requestId: z.string(),
});

export const dataSchema = z.object({
  clients: z.array(clientSchema),
  systems: z.array(systemSchema),
  requests: z.array(requestSchema),
  systemUsers: z.array(systemUserSchema),
  stats: z.object({ tokenGrants: z.number() }),
  // Added after the first state-file version; defaults keep older files loading.
  changeRequests: z.array(changeRequestSchema).default([]),
  delegations: z.array(delegationSchema).default([]),
  changelog: z.array(changelogEntrySchema).default([]),
  control: controlSchema.default({ faults: [], clockOffsetMs: 0, calls: {} }),
  idportenClients: z
    .array(
      z.object({
        clientId: z.string(),
        redirectUris: z.array(z.string()),
        scopes: z.array(z.string()),
        secretHash: z.string().optional(),
      }),
    )
    .default([]),
  /** Test organisations added through `POST /emulator/parties` (as tt02's Tenor gives a vendor many). */
  extraOrganisations: z.array(z.object({ orgNo: z.string(), name: z.string() })).default([]),
  /** Entity Register states set through `POST /emulator/parties/{orgNo}/status` (absent: active). */
  entityStates: z.record(z.string(), z.enum(["bankrupt", "liquidation", "deleted", "removed"])).default({}),
});

export const stateFileSchema = z.object({
  version: z.literal(1),
  signingKey: privateRsaJwkSchema,
  data: dataSchema,
});

export type AttributePair = z.infer<typeof attributePairSchema>;
export type Right = z.infer<typeof rightSchema>;
export type AccessPackageRef = z.infer<typeof accessPackageRefSchema>;
export type PublicRsaJwk = z.infer<typeof publicRsaJwkSchema>;
export type PrivateRsaJwk = z.infer<typeof privateRsaJwkSchema>;
export type MaskinportenClient = z.infer<typeof clientSchema>;
export type StoredSystem = z.infer<typeof systemSchema>;
export type RequestStatus = z.infer<typeof requestStatusSchema>;
export type StoredRequest = z.infer<typeof requestSchema>;
export type StoredSystemUser = z.infer<typeof systemUserSchema>;
export type EmulatorData = z.infer<typeof dataSchema>;

export function emptyData(): EmulatorData {
  return {
    clients: [],
    systems: [],
    requests: [],
    systemUsers: [],
    stats: { tokenGrants: 0 },
    changeRequests: [],
    delegations: [],
    changelog: [],
    control: { faults: [], clockOffsetMs: 0, calls: {} },
    idportenClients: [],
    extraOrganisations: [],
    entityStates: {},
  };
}
