import { z } from "zod";

/**
 * A request as the vendor's product sees it, in API answers and in `request.*` event data alike
 * (one shape, so a webhook body and a GET of the same request agree).
 */
export const RequestResourceSchema = z
  .object({
    id: z.string().uuid().describe("The portal's id of the request."),
    altinnRequestId: z.string(),
    status: z.enum(["New", "Accepted", "Rejected", "Denied", "Timedout"]).describe("Altinn's status, verbatim."),
    kind: z.enum(["standard", "agent"]),
    systemId: z.string().uuid().describe("The portal's id of the system."),
    altinnSystemId: z.string().describe("Altinn's system id, `{vendorOrgNo}_{name}`."),
    customerId: z.string().uuid(),
    orgNo: z.string(),
    confirmUrl: z.string().describe("Where the customer approves; send them there."),
    accessPackages: z.array(z.string()),
    systemUserId: z.string().nullable().describe("Altinn's id of the system user, once accepted."),
    deletedAt: z
      .string()
      .datetime()
      .nullable()
      .describe(
        "When the request was deleted at Altinn (withdrawn, replaced by a renewal, or found gone); `status` keeps what Altinn last said.",
      ),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .meta({ id: "Request" });
export type RequestResource = z.infer<typeof RequestResourceSchema>;

export const REQUEST_RESOURCE_SELECT = {
  id: true,
  altinnRequestId: true,
  status: true,
  kind: true,
  confirmUrl: true,
  accessPackages: true,
  createdAt: true,
  updatedAt: true,
  customer: { select: { id: true, orgNo: true } },
  system: { select: { id: true, systemId: true } },
  systemUser: { select: { altinnSystemUserId: true } },
  events: { where: { kind: "deleted" }, select: { at: true }, orderBy: { at: "asc" }, take: 1 },
} as const;

type RequestRow = {
  id: string;
  altinnRequestId: string;
  status: RequestResource["status"];
  kind: RequestResource["kind"];
  confirmUrl: string;
  accessPackages: string[];
  createdAt: Date;
  updatedAt: Date;
  customer: { id: string; orgNo: string };
  system: { id: string; systemId: string };
  systemUser: { altinnSystemUserId: string } | null;
  /** The request's "deleted" timeline event, if any (REQUEST_RESOURCE_SELECT reads it). */
  events?: { at: Date }[];
};

export function requestResource(r: RequestRow): RequestResource {
  return {
    id: r.id,
    altinnRequestId: r.altinnRequestId,
    status: r.status,
    kind: r.kind,
    systemId: r.system.id,
    altinnSystemId: r.system.systemId,
    customerId: r.customer.id,
    orgNo: r.customer.orgNo,
    confirmUrl: r.confirmUrl,
    accessPackages: r.accessPackages,
    systemUserId: r.systemUser?.altinnSystemUserId ?? null,
    deletedAt: r.events?.[0]?.at.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** A customer's system user for one system: what a vendor needs to get tokens for it. */
export const SystemUserResourceSchema = z
  .object({
    id: z.string().describe("Altinn's id of the system user."),
    systemId: z.string().uuid(),
    altinnSystemId: z.string(),
    customerId: z.string().uuid(),
    orgNo: z.string(),
    externalRef: z.string(),
    userType: z.string().describe("`standard` or `agent`."),
    requestId: z.string().uuid().nullable(),
    createdAt: z.string().datetime().nullable().describe("When Altinn created it, when known."),
    deletedAt: z.string().datetime().nullable().describe("When the customer deleted it (seen by reconciliation)."),
  })
  .meta({ id: "SystemUser" });
export type SystemUserResource = z.infer<typeof SystemUserResourceSchema>;

export const SYSTEM_USER_RESOURCE_SELECT = {
  altinnSystemUserId: true,
  externalRef: true,
  userType: true,
  requestId: true,
  altinnCreatedAt: true,
  discoveredAt: true,
  deletedAt: true,
  customer: { select: { id: true, orgNo: true } },
  system: { select: { id: true, systemId: true } },
} as const;

type SystemUserRow = {
  altinnSystemUserId: string;
  externalRef: string;
  userType: string;
  requestId: string | null;
  altinnCreatedAt: Date | null;
  discoveredAt: Date;
  deletedAt: Date | null;
  customer: { id: string; orgNo: string };
  system: { id: string; systemId: string };
};

export function systemUserResource(u: SystemUserRow): SystemUserResource {
  return {
    id: u.altinnSystemUserId,
    systemId: u.system.id,
    altinnSystemId: u.system.systemId,
    customerId: u.customer.id,
    orgNo: u.customer.orgNo,
    externalRef: u.externalRef,
    userType: u.userType,
    requestId: u.requestId,
    createdAt: (u.altinnCreatedAt ?? u.discoveredAt).toISOString(),
    deletedAt: u.deletedAt?.toISOString() ?? null,
  };
}
