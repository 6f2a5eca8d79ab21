import "server-only";
import { z } from "zod";
import type { Connection } from "@/lib/integrations/connection";
import { callAltinn, parseBody } from "@/lib/integrations/altinn/http";

// CONTRACT §4.4. Only standard system users can be changed; agent ones must be deleted and recreated.
export const CHANGE_STATUSES = ["New", "Accepted", "Rejected", "Denied", "Timedout", "NoChangeNeeded"] as const;

const rightSchema = z.object({ resource: z.array(z.object({ id: z.string(), value: z.string() }).loose()) }).loose();
const changeResponse = z
  .object({
    id: z.uuid(),
    systemUserId: z.string().optional(),
    status: z.enum(CHANGE_STATUSES),
    confirmUrl: z.string().optional().default(""),
    requiredAccessPackages: z
      .array(z.object({ urn: z.string() }).loose())
      .optional()
      .default([]),
    unwantedAccessPackages: z
      .array(z.object({ urn: z.string() }).loose())
      .optional()
      .default([]),
    requiredRights: z.array(rightSchema).optional().default([]),
    unwantedRights: z.array(rightSchema).optional().default([]),
  })
  .loose();
export type AltinnChangeRequest = z.infer<typeof changeResponse>;

export type ChangeInput = {
  correlationId: string;
  altinnSystemUserId: string;
  requiredAccessPackages: string[];
  unwantedAccessPackages: string[];
  requiredRights: string[];
  unwantedRights: string[];
  redirectUrl?: string;
};

const right = (value: string) => ({ resource: [{ id: "urn:altinn:resource", value }] });

/** Idempotent per correlation id: a retry with the same id returns the stored request (200). */
export async function createChangeRequest(environment: Connection, input: ChangeInput): Promise<AltinnChangeRequest> {
  const res = await callAltinn(environment, {
    method: "POST",
    path: "/systemuser/changerequest/vendor",
    query: { "correlation-id": input.correlationId, "system-user-id": input.altinnSystemUserId },
    body: {
      requiredRights: input.requiredRights.map(right),
      unwantedRights: input.unwantedRights.map(right),
      requiredAccessPackages: input.requiredAccessPackages.map((urn) => ({ urn })),
      unwantedAccessPackages: input.unwantedAccessPackages.map((urn) => ({ urn })),
      redirectUrl: input.redirectUrl ?? "",
    },
  });
  return parseBody(changeResponse, res, "changerequest create");
}

export async function getChangeRequest(environment: Connection, id: string): Promise<AltinnChangeRequest | null> {
  const res = await callAltinn(
    environment,
    { method: "GET", path: `/systemuser/changerequest/vendor/${encodeURIComponent(id)}` },
    [404],
  );
  if (res.status === 404) return null;
  return parseBody(changeResponse, res, "changerequest get");
}

/** Soft delete (202); an id Altinn no longer knows is already gone. */
export async function deleteChangeRequest(environment: Connection, id: string): Promise<void> {
  await callAltinn(
    environment,
    { method: "DELETE", path: `/systemuser/changerequest/vendor/${encodeURIComponent(id)}` },
    [404],
  );
}
