// Change requests (CONTRACT §4.4): POST .../changerequest/vendor with every check in the controller's
// order. Reads, lists and delete live in change-request-list-routes.ts.
import type { Emulator } from "../context";
import { bindJson, parseGuid, sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson, sendText } from "../lib/http";
import type { Ctx, Router } from "../lib/router";
import type { StoredChangeRequest } from "../state/change-request-schema";
import { authorize, SCOPES } from "./auth";
import { registerChangeRequestLists } from "./change-request-list-routes";
import {
  CHANGE_BASE,
  changeRequestInput,
  changeRequestResponse,
  type ChangeRequestInput,
} from "./change-request-models";
import { normalizeRights } from "./models";
import { sendProblem } from "./problems";
import { checkPackages, checkRedirect, rightsAreRegistered, type RequestProblem } from "./request-validation";

const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
// UNCONFIRMED wording after the contract's "...": the controller's exact sentences are not quoted there.
const MISSING_CORRELATION = "Missing or invalid QueryParameter: correlation-id. A valid, non-empty Guid is required.";
const SAME_IDS = "The correlation-id can not be the same as the system-user-id.";

/** Query GUIDs bind like [FromQuery] Guid: absent or empty → Guid.Empty, malformed → model error. */
function queryGuids(ctx: Ctx): { correlationId: string; systemUserId: string } | null {
  const errors: Record<string, string[]> = {};
  const read = (name: string): string => {
    const raw = ctx.url.searchParams.get(name)?.trim() ?? "";
    if (raw === "") return EMPTY_GUID;
    const id = parseGuid(raw);
    if (id === null) errors[name] = [`The value '${raw}' is not valid.`];
    return id ?? EMPTY_GUID;
  };
  const ids = { correlationId: read("correlation-id"), systemUserId: read("system-user-id") };
  if (Object.keys(errors).length > 0) {
    sendModelErrors(ctx, errors);
    return null;
  }
  return ids;
}

function packages(list: ChangeRequestInput["requiredAccessPackages"]): { urn: string }[] {
  return (list ?? []).map((p) => ({ urn: p.urn ?? "" }));
}

export function registerChangeRequests(router: Router, emu: Emulator): void {
  router.post(`${CHANGE_BASE}/vendor`, async (ctx) => {
    const caller = await authorize(ctx, emu, [SCOPES.requestWrite]);
    if (!caller) return;
    const input = await bindJson(ctx, changeRequestInput, "changeRequest");
    if (!input) return;
    const ids = queryGuids(ctx);
    if (!ids) return;
    if (ids.correlationId === EMPTY_GUID) return sendText(ctx.res, 400, MISSING_CORRELATION);
    if (!caller.vendorOrgNo) return sendEmpty(ctx.res, 401);
    const data = emu.store.data;
    const user = data.systemUsers.find((u) => u.id === ids.systemUserId && !u.isDeleted);
    if (!user) return sendProblem(ctx.res, "AUTH-00015");
    if (ids.correlationId === ids.systemUserId) return sendText(ctx.res, 400, SAME_IDS);
    const system = data.systems.find((s) => s.id === user.systemId && !s.isDeleted);
    if (!system || system.vendorOrgNo !== caller.vendorOrgNo) return sendEmpty(ctx.res, 401);

    const now = emu.now();
    const change: StoredChangeRequest = {
      id: ids.correlationId,
      systemUserId: user.id,
      systemId: user.systemId,
      partyOrgNo: user.reporteeOrgNo,
      externalRef: user.externalRef,
      requiredRights: normalizeRights(input.requiredRights),
      unwantedRights: normalizeRights(input.unwantedRights),
      requiredAccessPackages: packages(input.requiredAccessPackages),
      unwantedAccessPackages: packages(input.unwantedAccessPackages),
      status: "New",
      ...(input.redirectUrl != null ? { redirectUrl: input.redirectUrl } : {}),
      created: now.toISOString(),
      isDeleted: false,
      escalated: false,
    };
    const lists = [
      change.requiredRights,
      change.unwantedRights,
      change.requiredAccessPackages,
      change.unwantedAccessPackages,
    ];
    if (lists.every((l) => l.length === 0)) {
      return sendJson(ctx.res, 200, changeRequestResponse({ ...change, status: "NoChangeNeeded" }, emu.publicUrl, now));
    }
    const existing = data.changeRequests.find((c) => c.id === ids.correlationId && !c.isDeleted);
    if (existing?.status === "New") return sendJson(ctx.res, 200, changeRequestResponse(existing, emu.publicUrl, now));
    if (existing) return sendProblem(ctx.res, "AUTH-00061");
    if (user.userType === "agent") return sendProblem(ctx.res, "AUTH-00015");

    const problem: RequestProblem | null =
      checkRedirect(input.redirectUrl, system) ??
      (change.requiredRights.length > 0 && !rightsAreRegistered(change.requiredRights, system)
        ? { code: "AUTH-00001" }
        : null) ??
      checkPackages(change.requiredAccessPackages, system, "standard");
    if (problem) return sendProblem(ctx.res, problem.code, problem.extensions);

    emu.store.mutate((d) => {
      d.changeRequests.push(change);
    });
    const location = `${emu.publicUrl}${CHANGE_BASE}/${change.id}`;
    sendJson(ctx.res, 201, changeRequestResponse(change, emu.publicUrl, now), { location });
  });

  registerChangeRequestLists(router, emu);
}
