import "server-only";
import { z } from "zod";
import type { Connection } from "@/lib/integrations/connection";
import { callAltinn, parseBody } from "@/lib/integrations/altinn/http";
import { altinnSystemSchema, rightsFromResourceIds, type AltinnSystem } from "@/lib/integrations/altinn/system-model";

export type Localized3 = { nb: string; nn: string; en: string };

export type RegisterSystemInput = {
  systemId: string;
  vendorOrgNo: string;
  name: Localized3;
  description: Localized3;
  accessPackages: string[];
  clientIds: string[];
  redirectUrls: string[];
  /** Single rights by resource id (`urn:altinn:resource`); none when absent. */
  rights?: string[];
  isVisible: boolean;
};

export function toRegisterSystemRequest(input: RegisterSystemInput) {
  return {
    id: input.systemId,
    vendor: { authority: "iso6523-actorid-upis", ID: `0192:${input.vendorOrgNo}` },
    name: input.name,
    description: input.description,
    rights: rightsFromResourceIds([], input.rights ?? []),
    accessPackages: input.accessPackages.map((urn) => ({ urn })),
    clientId: input.clientIds,
    allowedRedirectUrls: input.redirectUrls,
    isVisible: input.isVisible,
  };
}

/** POST /systemregister/vendor; Altinn answers with the new internal GUID as a JSON string. */
export async function registerSystem(environment: Connection, input: RegisterSystemInput): Promise<string> {
  const res = await callAltinn(environment, {
    method: "POST",
    path: "/systemregister/vendor",
    body: toRegisterSystemRequest(input),
  });
  return parseBody(z.string().min(1), res, "systemregister create");
}

const path = (systemId: string) => `/systemregister/vendor/${encodeURIComponent(systemId)}`;
const succeeded = z.object({ succeeded: z.literal(true) }).loose();

/** GET /systemregister/vendor/{id}: the whole system, soft-deleted ones included (isDeleted), unknown properties kept. */
export async function getRegisteredSystem(environment: Connection, systemId: string): Promise<AltinnSystem | null> {
  const res = await callAltinn(environment, { method: "GET", path: path(systemId) }, [404]);
  if (res.status === 404) return null;
  return parseBody(altinnSystemSchema, res, "systemregister get");
}

/** PUT replaces the whole system: `body` must be the complete object (see applyPortalFields). */
export async function putRegisteredSystem(
  environment: Connection,
  systemId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const res = await callAltinn(environment, { method: "PUT", path: path(systemId), body });
  parseBody(succeeded, res, "systemregister update");
}

/** DELETE is a soft delete: Altinn keeps the id taken (AUTH.VLD-00002) and releases the client ids. */
export async function deleteRegisteredSystem(environment: Connection, systemId: string): Promise<void> {
  const res = await callAltinn(environment, { method: "DELETE", path: path(systemId) });
  parseBody(succeeded, res, "systemregister delete");
}

const changelogEntry = z
  .object({
    systemInternalId: z.string(),
    changedByOrgNumber: z.string(),
    changeType: z.string(),
    changedData: z.unknown().optional(),
    clientId: z.string().optional(),
    created: z.string(),
  })
  .loose();
export type ChangelogEntry = z.infer<typeof changelogEntry>;

export async function getSystemChangelog(environment: Connection, systemId: string): Promise<ChangelogEntry[]> {
  const res = await callAltinn(environment, { method: "GET", path: `${path(systemId)}/changelog` });
  return parseBody(z.array(changelogEntry), res, "systemregister changelog");
}
