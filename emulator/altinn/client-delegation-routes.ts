// Client delegation for agent system users (CONTRACT §5.2). A person token (ID-porten → Altinn
// exchange) authenticates; the person's roles in the facilitator org stand in for the PDP check.
import type { ServerResponse } from "node:http";
import type { Emulator } from "../context";
import { findOrganisation, partyUuid } from "../data/entities";
import { traceId } from "../lib/aspnet-model";
import { sendEmpty, sendJson, sendProblemJson } from "../lib/http";
import type { Ctx, Router } from "../lib/router";
import type { StoredSystemUser } from "../state/schema";
import { registerClientAdminPage } from "../ui/client-admin-page";
import { toSystemUserExternal } from "./models";
import { authorizePerson } from "./person-auth";
import { sendProblem } from "./problems";
import {
  addClient,
  availableClients,
  checkClientAdmin,
  delegatedClients,
  removeClient,
  resolveAgent,
  type ClientInfo,
  type DelegationError,
} from "./client-delegation-service";

const PREFIX = "/authentication/api/v1/enduser/systemuser";
const READ = ["altinn:clientdelegations.read"];
const WRITE = ["altinn:clientdelegations.write"];

export function sendDelegationError(res: ServerResponse, error: DelegationError): void {
  switch (error.kind) {
    case "validation":
      return sendProblemJson(res, 400, {
        type: "urn:altinn:error:STD-00000",
        title: "One or more validation errors occurred.",
        status: 400,
        code: "STD-00000",
        traceId: traceId(),
        validationErrors: [{ code: error.code, title: error.title, paths: [error.path] }],
      });
    case "notFound":
      // ASP.NET Problem(): plain ProblemDetails, not the Altinn variant.
      return sendProblemJson(res, 404, {
        type: "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        title: error.title,
        status: 404,
        traceId: traceId(),
      });
    case "forbidden":
      return sendEmpty(res, 403);
    case "problem":
      return sendProblem(res, error.code);
  }
}

/** Stable synthetic numeric party id (Altinn 2 style) derived from the org number. */
function partyId(orgNo: string): string {
  return String(50_000_000 + (Number(orgNo) % 10_000_000));
}

function toInternal(u: StoredSystemUser): Record<string, unknown> {
  return {
    ...toSystemUserExternal(u),
    systemInternalId: u.systemInternalId,
    partyId: partyId(u.reporteeOrgNo),
    partyUuId: partyUuid(u.reporteeOrgNo),
    accessPackages: u.accessPackages,
  };
}

function listBody(agent: StoredSystemUser, data: ClientInfo[]): Record<string, unknown> {
  return {
    links: {},
    systemUserInformation: { systemUserId: agent.id, systemUserOwnerOrg: agent.reporteeOrgNo },
    data,
  };
}

/** Person → agent → facilitator PDP check; answers and returns null on any failure. */
async function authorizedAgent(ctx: Ctx, emu: Emulator, scopes: string[]): Promise<StoredSystemUser | null> {
  const person = await authorizePerson(ctx, emu, scopes);
  if (!person) return null;
  const agent = resolveAgent(emu.store.data, ctx.url.searchParams.get("agent"));
  if (!agent.ok) {
    sendDelegationError(ctx.res, agent.error);
    return null;
  }
  const denied = checkClientAdmin(person.pid, agent.value.reporteeOrgNo);
  if (denied) {
    sendDelegationError(ctx.res, denied);
    return null;
  }
  return agent.value;
}

export function registerClientDelegation(router: Router, emu: Emulator): void {
  router.get(`${PREFIX}/agents`, async (ctx) => {
    const person = await authorizePerson(ctx, emu, READ);
    if (!person) return;
    const party = ctx.url.searchParams.get("party") ?? "";
    if (!findOrganisation(party)) return sendDelegationError(ctx.res, { kind: "notFound", title: "Party not found" });
    const denied = checkClientAdmin(person.pid, party);
    if (denied) return sendDelegationError(ctx.res, denied);
    const agents = emu.store.data.systemUsers.filter(
      (u) => u.userType === "agent" && !u.isDeleted && u.reporteeOrgNo === party,
    );
    sendJson(ctx.res, 200, agents.map(toInternal));
  });

  router.get(`${PREFIX}/clients/available`, async (ctx) => {
    const agent = await authorizedAgent(ctx, emu, READ);
    if (agent) sendJson(ctx.res, 200, listBody(agent, availableClients(agent)));
  });

  router.get(`${PREFIX}/clients`, async (ctx) => {
    const agent = await authorizedAgent(ctx, emu, READ);
    if (agent) sendJson(ctx.res, 200, listBody(agent, delegatedClients(emu.store.data, agent)));
  });

  router.post(`${PREFIX}/clients`, async (ctx) => {
    const agent = await authorizedAgent(ctx, emu, WRITE);
    if (!agent) return;
    const result = addClient(emu.store, agent, ctx.url.searchParams.get("client"), emu.now());
    if (!result.ok) return sendDelegationError(ctx.res, result.error);
    sendJson(ctx.res, 200, { agent: agent.id, client: result.value });
  });

  router.delete(`${PREFIX}/clients`, async (ctx) => {
    const agent = await authorizedAgent(ctx, emu, WRITE);
    if (!agent) return;
    const result = removeClient(emu.store, agent, ctx.url.searchParams.get("client"));
    if (!result.ok) return sendDelegationError(ctx.res, result.error);
    sendJson(ctx.res, 200, { agent: agent.id, client: result.value });
  });

  // The end-user page uses the same rules, so it lives with the API rather than in server.ts.
  registerClientAdminPage(router, emu);
}
