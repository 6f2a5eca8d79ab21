import "server-only";
import { z } from "zod";
import type { EnvironmentView } from "@/lib/dal/environments";
import { callAltinn, parseBody } from "@/lib/altinn/http";

export type Localized3 = { nb: string; nn: string; en: string };

export type RegisterSystemInput = {
  systemId: string;
  vendorOrgNo: string;
  name: Localized3;
  description: Localized3;
  accessPackages: string[];
  clientIds: string[];
  redirectUrls: string[];
  isVisible: boolean;
};

const registeredSystem = z.object({
  id: z.string(),
  vendor: z.object({ ID: z.string() }).loose(),
  accessPackages: z.array(z.object({ urn: z.string() })).optional().default([]),
  clientId: z.array(z.string()).optional().default([]),
  allowedRedirectUrls: z.array(z.string()).optional().default([]),
  isDeleted: z.boolean().optional(),
}).loose();

export function toRegisterSystemRequest(input: RegisterSystemInput) {
  return {
    id: input.systemId,
    vendor: { authority: "iso6523-actorid-upis", ID: `0192:${input.vendorOrgNo}` },
    name: input.name,
    description: input.description,
    rights: [],
    accessPackages: input.accessPackages.map((urn) => ({ urn })),
    clientId: input.clientIds,
    allowedRedirectUrls: input.redirectUrls,
    isVisible: input.isVisible,
  };
}

/** POST /systemregister/vendor; Altinn answers with the new internal GUID as a JSON string. */
export async function registerSystem(environment: EnvironmentView, input: RegisterSystemInput): Promise<string> {
  const res = await callAltinn(environment, { method: "POST", path: "/systemregister/vendor", body: toRegisterSystemRequest(input) });
  return parseBody(z.string().min(1), res, "systemregister create");
}

export async function getRegisteredSystem(environment: EnvironmentView, systemId: string) {
  const res = await callAltinn(environment, { method: "GET", path: `/systemregister/vendor/${encodeURIComponent(systemId)}` }, [404]);
  if (res.status === 404) return null;
  return parseBody(registeredSystem, res, "systemregister get");
}
