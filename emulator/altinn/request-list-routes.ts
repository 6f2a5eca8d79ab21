// Request reads beyond GET-by-id (CONTRACT §4.2): the agent read, byexternalref and the paginated
// bysystem lists, for standard and agent requests alike.
import type { Emulator } from "../context";
import { parseGuid, sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";
import type { StoredRequest } from "../state/schema";
import { authorize, SCOPES, type Caller } from "./auth";
import { sendProblem } from "./problems";
import { requestResponse } from "./request-models";
import {
  decodeToken,
  isLive,
  kindOf,
  liveRequest,
  paginate,
  REQUEST_BASE,
  requestIdOrError,
  type RequestKind,
} from "./request-store";

const PREFIX: Record<RequestKind, string> = {
  standard: `${REQUEST_BASE}/vendor`,
  agent: `${REQUEST_BASE}/vendor/agent`,
};

function ownsSystem(emu: Emulator, caller: Caller, systemId: string): boolean {
  return emu.store.data.systems.some((s) => s.id === systemId && !s.isDeleted && s.vendorOrgNo === caller.vendorOrgNo);
}

async function readCaller(ctx: Ctx, emu: Emulator): Promise<Caller | null> {
  const caller = await authorize(ctx, emu, [SCOPES.requestRead]);
  if (!caller) return null;
  if (!caller.vendorOrgNo) {
    sendEmpty(ctx.res, 401);
    return null;
  }
  return caller;
}

/** A request-list `token` is the base64url JSON of the last GUID served; anything else is a bad value. */
export function guidToken(ctx: Ctx): string | undefined | null {
  const raw = ctx.url.searchParams.get("token");
  const decoded = decodeToken(raw);
  if (decoded === undefined) return undefined;
  const id = typeof decoded === "string" ? parseGuid(decoded) : null;
  if (id === null) sendModelErrors(ctx, { token: [`The value '${raw ?? ""}' is not valid.`] });
  return id;
}

function byExternalRef(emu: Emulator, kind: RequestKind) {
  return async (ctx: Ctx): Promise<void> => {
    const caller = await readCaller(ctx, emu);
    if (!caller) return;
    const [systemId, orgNo, externalRef] = [param(ctx, "systemId"), param(ctx, "orgNo"), param(ctx, "externalRef")];
    const now = emu.now();
    const request = emu.store.data.requests.find(
      (r) =>
        isLive(r, now) &&
        kindOf(r) === kind &&
        r.systemId === systemId &&
        r.partyOrgNo === orgNo &&
        r.externalRef === externalRef,
    );
    if (!request) return sendProblem(ctx.res, "AUTH-00010");
    if (!ownsSystem(emu, caller, systemId)) return sendProblem(ctx.res, "AUTH-00011");
    sendJson(ctx.res, 200, requestResponse(request, emu.publicUrl, now));
  };
}

function bySystem(emu: Emulator, kind: RequestKind) {
  return async (ctx: Ctx): Promise<void> => {
    const caller = await readCaller(ctx, emu);
    if (!caller) return;
    const systemId = param(ctx, "systemId");
    if (!ownsSystem(emu, caller, systemId)) return sendProblem(ctx.res, "AUTH-00011");
    const after = guidToken(ctx);
    if (after === null) return;
    const now = emu.now();
    // Ordered by id, as the repository pages on `id > continueFrom`.
    const items: StoredRequest[] = emu.store.data.requests
      .filter((r) => isLive(r, now) && kindOf(r) === kind && r.systemId === systemId)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const base = `${emu.publicUrl}${PREFIX[kind]}/bysystem/${encodeURIComponent(systemId)}`;
    const page = paginate(
      items,
      (r) => r.id,
      after,
      (token) => `${base}?token=${token}`,
    );
    sendJson(ctx.res, 200, { links: page.links, data: page.data.map((r) => requestResponse(r, emu.publicUrl, now)) });
  };
}

export function registerRequestLists(router: Router, emu: Emulator): void {
  router.get(`${PREFIX.agent}/:requestId`, async (ctx) => {
    const caller = await readCaller(ctx, emu);
    if (!caller) return;
    const id = requestIdOrError(ctx);
    if (!id) return;
    const request = liveRequest(emu, id);
    if (!request) return sendProblem(ctx.res, "AUTH-00010");
    if (kindOf(request) !== "agent") return sendProblem(ctx.res, "AUTH-00025");
    if (!ownsSystem(emu, caller, request.systemId)) return sendProblem(ctx.res, "AUTH-00011");
    sendJson(ctx.res, 200, requestResponse(request, emu.publicUrl, emu.now()));
  });
  for (const kind of ["standard", "agent"] as const) {
    router.get(`${PREFIX[kind]}/byexternalref/:systemId/:orgNo/:externalRef`, byExternalRef(emu, kind));
    router.get(`${PREFIX[kind]}/bysystem/:systemId`, bySystem(emu, kind));
  }
}
