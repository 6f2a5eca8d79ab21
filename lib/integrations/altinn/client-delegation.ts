import "server-only";
import { z } from "zod";
import type { Connection } from "@/lib/integrations/connection";
import { callAltinn, parseBody } from "@/lib/integrations/altinn/http";

// Client delegation API (CONTRACT §5.2). Every call carries the client administrator's Altinn person
// token (ID-porten, exchanged); never the vendor's Maskinporten token.
const PREFIX = "/enduser/systemuser";

const agentSchema = z
  .object({
    id: z.uuid(),
    integrationTitle: z.string().optional().default(""),
    systemId: z.string(),
    reporteeOrgNo: z.string(),
    accessPackages: z
      .array(z.object({ urn: z.string() }).loose())
      .optional()
      .default([]),
  })
  .loose();
export type AgentSystemUser = z.infer<typeof agentSchema>;

const clientSchema = z
  .object({
    clientId: z.uuid(),
    clientOrganizationNumber: z.string(),
    clientOrganizationName: z.string().optional().default(""),
  })
  .loose();
export type ClientInfo = z.infer<typeof clientSchema>;

const clientPage = z
  .object({
    links: z.object({ next: z.string().optional().nullable() }).loose().optional(),
    data: z.array(clientSchema),
  })
  .loose();

export async function listAgents(environment: Connection, token: string, party: string): Promise<AgentSystemUser[]> {
  const res = await callAltinn(environment, { method: "GET", path: `${PREFIX}/agents`, query: { party } }, [], token);
  return parseBody(z.array(agentSchema), res, "agent system users");
}

/** Every page: the docs say pagination is "not implemented yet", but the shape has `links.next`. */
export async function listClients(
  environment: Connection,
  token: string,
  agentId: string,
  which: "available" | "delegated",
): Promise<ClientInfo[]> {
  const out: ClientInfo[] = [];
  const base = `/authentication/api/v1${PREFIX}/clients${which === "available" ? "/available" : ""}`;
  let query: Record<string, string> = { agent: agentId };
  for (let page = 0; page < 200; page++) {
    const res = await callAltinn(
      environment,
      { method: "GET", path: `${PREFIX}/clients${which === "available" ? "/available" : ""}`, query },
      [],
      token,
    );
    const body = parseBody(clientPage, res, which === "available" ? "available clients" : "delegated clients");
    out.push(...body.data);
    const next = body.links?.next;
    if (!next || !URL.canParse(next)) break;
    const url = new URL(next);
    // Follow only links to the same list on the same host: the next link is Altinn's, not ours to trust blindly.
    if (url.origin !== new URL(environment.altinnBaseUrl).origin || url.pathname !== base) break;
    query = Object.fromEntries(url.searchParams);
  }
  return out;
}

/** POST/DELETE; 200 `{agent, client}`. Errors come back as AppErrors carrying Altinn's code. */
export async function changeClient(
  environment: Connection,
  token: string,
  agentId: string,
  clientId: string,
  op: "add" | "remove",
): Promise<void> {
  await callAltinn(
    environment,
    {
      method: op === "add" ? "POST" : "DELETE",
      path: `${PREFIX}/clients`,
      query: { agent: agentId, client: clientId },
    },
    [],
    token,
  );
}
