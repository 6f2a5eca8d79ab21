// System user request vendor API (CONTRACT §4.1, §4.2) under /authentication/api/v1/systemuser/request.
import { randomUUID } from "node:crypto";
import type { Emulator } from "../context";
import { bindJson, parseGuid, sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";
import type { StoredRequest } from "../state/schema";
import { authorize, SCOPES } from "./auth";
import { createRequestInput, normalizeRights, toRequestResponse } from "./models";
import { sendProblem } from "./problems";
import { validateCreateRequest } from "./request-validation";

const BASE = "/authentication/api/v1/systemuser/request";
/** The create path never sets Created, so the response carries DateTime.MinValue (CONTRACT §4.1). */
const UNSET_CREATED = "0001-01-01T00:00:00";

function activeRequest(emu: Emulator, id: string): StoredRequest | undefined {
  return emu.store.data.requests.find((r) => r.id === id && !r.isDeleted);
}

function requestIdOrError(ctx: Ctx): string | null {
  const raw = param(ctx, "requestId");
  const id = parseGuid(raw);
  if (!id) sendModelErrors(ctx, { requestId: [`The value '${raw}' is not valid.`] });
  return id;
}

export function registerRequests(router: Router, emu: Emulator): void {
  router.post(`${BASE}/vendor`, async (ctx) => {
    const caller = await authorize(ctx, emu, [SCOPES.requestWrite]);
    if (!caller) return;
    const input = await bindJson(ctx, createRequestInput, "createRequest");
    if (!input) return;
    const vendorOrgNo = caller.vendorOrgNo;
    if (!vendorOrgNo) return sendProblem(ctx.res, "AUTH-00023");

    const data = emu.store.data;
    const externalRef = input.externalRef ?? input.partyOrgNo;
    const sameTriple = (x: { systemId: string; externalRef: string }, org: string) =>
      x.systemId === input.systemId && org === input.partyOrgNo && x.externalRef === externalRef;
    if (data.systemUsers.some((u) => !u.isDeleted && sameTriple(u, u.reporteeOrgNo))) return sendProblem(ctx.res, "AUTH-00004");
    // Idempotent per triple: an existing, non-timed-out request is returned before any validation,
    // provided the caller owns its system (otherwise creation fails below with AUTH-00011).
    const existing = data.requests.find((r) => !r.isDeleted && sameTriple(r, r.partyOrgNo));
    const ownsExisting = data.systems.some((s) => s.id === input.systemId && !s.isDeleted && s.vendorOrgNo === vendorOrgNo);
    if (existing && existing.status !== "Timedout" && ownsExisting) {
      return sendJson(ctx.res, 200, toRequestResponse(existing, emu.publicUrl));
    }

    const checked = validateCreateRequest(input, vendorOrgNo, data, existing);
    if ("code" in checked) return sendProblem(ctx.res, checked.code, checked.extensions);
    const request: StoredRequest = {
      id: randomUUID(),
      // IntegrationTitle?.Trim() ?? name["nb"]: an explicit empty string is kept as is.
      integrationTitle: input.integrationTitle ?? checked.name.nb,
      externalRef: input.externalRef ? input.externalRef : input.partyOrgNo,
      systemId: input.systemId,
      partyOrgNo: input.partyOrgNo,
      rights: normalizeRights(input.rights),
      accessPackages: (input.accessPackages ?? []).map((p) => ({ urn: p.urn ?? "" })),
      status: "New",
      ...(input.redirectUrl != null ? { redirectUrl: input.redirectUrl } : {}),
      escalated: false,
      created: new Date().toISOString(),
      isDeleted: false,
    };
    emu.store.mutate((d) => {
      d.requests.push(request);
    });
    const location = `${emu.publicUrl}/authentication/api/v1/systemuser/request/${request.id}`;
    sendJson(ctx.res, 201, toRequestResponse(request, emu.publicUrl, UNSET_CREATED), { location });
  });

  router.get(`${BASE}/vendor/:requestId`, async (ctx) => {
    const caller = await authorize(ctx, emu, [SCOPES.requestRead]);
    if (!caller) return;
    const id = requestIdOrError(ctx);
    if (!id) return;
    if (!caller.vendorOrgNo) return sendEmpty(ctx.res, 401);
    const request = activeRequest(emu, id);
    if (!request) return sendProblem(ctx.res, "AUTH-00010");
    const system = emu.store.data.systems.find((s) => s.id === request.systemId);
    if (!system || system.vendorOrgNo !== caller.vendorOrgNo) return sendProblem(ctx.res, "AUTH-00011");
    sendJson(ctx.res, 200, toRequestResponse(request, emu.publicUrl));
  });

  router.delete(`${BASE}/vendor/:requestId`, async (ctx) => {
    const caller = await authorize(ctx, emu, [SCOPES.requestWrite]);
    if (!caller) return;
    const id = requestIdOrError(ctx);
    if (!id) return;
    if (!caller.vendorOrgNo) return sendEmpty(ctx.res, 401);
    const request = activeRequest(emu, id);
    if (!request) return sendProblem(ctx.res, "AUTH-00010");
    // Faithful to the real service: DELETE does not check that the caller owns the request.
    emu.store.mutate(() => {
      request.isDeleted = true;
    });
    sendEmpty(ctx.res, 202);
  });
}

