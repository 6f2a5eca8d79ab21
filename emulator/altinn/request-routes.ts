// System user request vendor API (CONTRACT §4.1, §4.2) under /authentication/api/v1/systemuser/request:
// creation (standard and agent), read by id and delete. Lists live in request-list-routes.ts.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Emulator } from "../context";
import { bindJson } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import type { Ctx, Router } from "../lib/router";
import type { StoredRequest } from "../state/schema";
import { authorize, SCOPES } from "./auth";
import { createRequestInput, normalizeRights } from "./models";
import { sendProblem } from "./problems";
import { registerRequestLists } from "./request-list-routes";
import { createAgentRequestInput, requestResponse } from "./request-models";
import { isLive, kindOf, liveRequest, REQUEST_BASE, requestIdOrError, type RequestKind } from "./request-store";
import { validateCreateRequest, type RequestInput } from "./request-validation";

/** The create path never sets Created, so the response carries DateTime.MinValue (CONTRACT §4.1). */
const UNSET_CREATED = "0001-01-01T00:00:00";

type CreateInput = RequestInput & { externalRef?: string | null; integrationTitle?: string | null };

function createHandler(emu: Emulator, kind: RequestKind, schema: z.ZodType<CreateInput>, argName: string) {
  return async (ctx: Ctx): Promise<void> => {
    const caller = await authorize(ctx, emu, [SCOPES.requestWrite]);
    if (!caller) return;
    const input = await bindJson(ctx, schema, argName);
    if (!input) return;
    const vendorOrgNo = caller.vendorOrgNo;
    if (!vendorOrgNo) return sendProblem(ctx.res, "AUTH-00023");

    const data = emu.store.data;
    const now = emu.now();
    const externalRef = input.externalRef ? input.externalRef : input.partyOrgNo;
    const sameTriple = (x: { systemId: string; externalRef: string }, org: string) =>
      x.systemId === input.systemId && org === input.partyOrgNo && x.externalRef === externalRef;
    if (data.systemUsers.some((u) => !u.isDeleted && sameTriple(u, u.reporteeOrgNo)))
      return sendProblem(ctx.res, "AUTH-00004");
    // Idempotent per triple (and kind): an existing, non-timed-out request is returned before any
    // validation, provided the caller owns its system (otherwise creation fails below with AUTH-00011).
    // Requests past the 28-day archiver no longer count, so the triple may be requested again.
    // The cheap string comparison first: isLive parses a date, and this runs over every request.
    const existing = data.requests.find((r) => sameTriple(r, r.partyOrgNo) && kindOf(r) === kind && isLive(r, now));
    const ownsExisting = data.systems.some(
      (s) => s.id === input.systemId && !s.isDeleted && s.vendorOrgNo === vendorOrgNo,
    );
    if (existing && existing.status !== "Timedout" && ownsExisting) {
      return sendJson(ctx.res, 200, requestResponse(existing, emu.publicUrl, now));
    }

    const checked = validateCreateRequest(input, kind, vendorOrgNo, data, existing);
    if ("code" in checked) return sendProblem(ctx.res, checked.code, checked.extensions);
    const request: StoredRequest = {
      id: randomUUID(),
      // IntegrationTitle?.Trim() ?? name["nb"]: an explicit empty string is kept as is.
      integrationTitle: input.integrationTitle ?? checked.name.nb,
      externalRef,
      systemId: input.systemId,
      partyOrgNo: input.partyOrgNo,
      rights: kind === "standard" ? normalizeRights(input.rights) : [],
      accessPackages: (input.accessPackages ?? []).map((p) => ({ urn: p.urn ?? "" })),
      status: "New",
      ...(input.redirectUrl != null ? { redirectUrl: input.redirectUrl } : {}),
      escalated: false,
      created: now.toISOString(),
      isDeleted: false,
      ...(kind === "agent" ? { requestType: "agent" as const } : {}),
    };
    emu.store.mutate((d) => {
      d.requests.push(request);
    });
    const location = `${emu.publicUrl}${REQUEST_BASE}/${request.id}`;
    sendJson(ctx.res, 201, requestResponse(request, emu.publicUrl, now, UNSET_CREATED), { location });
  };
}

export function registerRequests(router: Router, emu: Emulator): void {
  router.post(`${REQUEST_BASE}/vendor`, createHandler(emu, "standard", createRequestInput, "createRequest"));
  router.post(
    `${REQUEST_BASE}/vendor/agent`,
    createHandler(emu, "agent", createAgentRequestInput, "createAgentRequest"),
  );

  router.get(`${REQUEST_BASE}/vendor/:requestId`, async (ctx) => {
    const found = await findRequest(ctx, emu, SCOPES.requestRead);
    if (!found) return;
    const system = emu.store.data.systems.find((s) => s.id === found.request.systemId);
    if (!system || system.vendorOrgNo !== found.vendorOrgNo) return sendProblem(ctx.res, "AUTH-00011");
    sendJson(ctx.res, 200, requestResponse(found.request, emu.publicUrl, emu.now()));
  });

  router.delete(`${REQUEST_BASE}/vendor/:requestId`, async (ctx) => {
    const found = await findRequest(ctx, emu, SCOPES.requestWrite);
    if (!found) return;
    // Faithful to the real service: DELETE does not check that the caller owns the request.
    emu.store.mutate(() => {
      found.request.isDeleted = true;
    });
    sendEmpty(ctx.res, 202);
  });

  registerRequestLists(router, emu);
}

/** The checks GET and DELETE share, in the controller's order: scope, GUID, consumer, then AUTH-00010. */
async function findRequest(
  ctx: Ctx,
  emu: Emulator,
  scope: string,
): Promise<{ request: StoredRequest; vendorOrgNo: string } | null> {
  const caller = await authorize(ctx, emu, [scope]);
  if (!caller) return null;
  const id = requestIdOrError(ctx);
  if (!id) return null;
  if (!caller.vendorOrgNo) {
    sendEmpty(ctx.res, 401);
    return null;
  }
  const request = liveRequest(emu, id);
  if (!request) {
    sendProblem(ctx.res, "AUTH-00010");
    return null;
  }
  return { request, vendorOrgNo: caller.vendorOrgNo };
}
