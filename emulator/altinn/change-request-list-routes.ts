// Change request reads, list and delete (CONTRACT §4.4 "Other change-request vendor endpoints").
// Change requests do not expire here: the contract found no caller of DeleteTimedoutChangeRequests.
import type { Emulator } from "../context";
import { sendEmpty, sendJson } from "../lib/http";
import { param, type Ctx, type Router } from "../lib/router";
import type { StoredChangeRequest } from "../state/change-request-schema";
import { authorize, SCOPES, type Caller } from "./auth";
import { CHANGE_BASE, changeRequestResponse } from "./change-request-models";
import { sendProblem } from "./problems";
import { guidToken } from "./request-list-routes";
import { paginate, requestIdOrError } from "./request-store";

async function vendor(ctx: Ctx, emu: Emulator, scope: string): Promise<Caller | null> {
  const caller = await authorize(ctx, emu, [scope]);
  if (!caller) return null;
  if (!caller.vendorOrgNo) {
    sendEmpty(ctx.res, 401);
    return null;
  }
  return caller;
}

function ownsSystem(emu: Emulator, caller: Caller, systemId: string): boolean {
  return emu.store.data.systems.some((s) => s.id === systemId && !s.isDeleted && s.vendorOrgNo === caller.vendorOrgNo);
}

function liveChange(emu: Emulator, id: string): StoredChangeRequest | undefined {
  return emu.store.data.changeRequests.find((c) => c.id === id && !c.isDeleted);
}

export function registerChangeRequestLists(router: Router, emu: Emulator): void {
  router.get(`${CHANGE_BASE}/vendor/:requestId`, async (ctx) => {
    const caller = await vendor(ctx, emu, SCOPES.requestRead);
    if (!caller) return;
    const id = requestIdOrError(ctx);
    if (!id) return;
    const change = liveChange(emu, id);
    if (!change) return sendProblem(ctx.res, "AUTH-00010");
    if (!ownsSystem(emu, caller, change.systemId)) return sendProblem(ctx.res, "AUTH-00011");
    sendJson(ctx.res, 200, changeRequestResponse(change, emu.publicUrl, emu.now()));
  });

  router.get(`${CHANGE_BASE}/vendor/byexternalref/:systemId/:orgNo/:externalRef`, async (ctx) => {
    const caller = await vendor(ctx, emu, SCOPES.requestRead);
    if (!caller) return;
    const [systemId, orgNo, externalRef] = [param(ctx, "systemId"), param(ctx, "orgNo"), param(ctx, "externalRef")];
    // Several correlation ids may target one system user; the newest one is the one the vendor means.
    const change = emu.store.data.changeRequests.findLast(
      (c) => !c.isDeleted && c.systemId === systemId && c.partyOrgNo === orgNo && c.externalRef === externalRef,
    );
    if (!change) return sendProblem(ctx.res, "AUTH-00010");
    if (!ownsSystem(emu, caller, systemId)) return sendProblem(ctx.res, "AUTH-00011");
    sendJson(ctx.res, 200, changeRequestResponse(change, emu.publicUrl, emu.now()));
  });

  router.get(`${CHANGE_BASE}/vendor/bysystem/:systemId`, async (ctx) => {
    const caller = await vendor(ctx, emu, SCOPES.requestRead);
    if (!caller) return;
    const systemId = param(ctx, "systemId");
    if (!ownsSystem(emu, caller, systemId)) return sendProblem(ctx.res, "AUTH-00011");
    const after = guidToken(ctx);
    if (after === null) return;
    const now = emu.now();
    const items = emu.store.data.changeRequests
      .filter((c) => !c.isDeleted && c.systemId === systemId)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const base = `${emu.publicUrl}${CHANGE_BASE}/vendor/bysystem/${encodeURIComponent(systemId)}`;
    const page = paginate(
      items,
      (c) => c.id,
      after,
      (token) => `${base}?token=${token}`,
    );
    sendJson(ctx.res, 200, {
      links: page.links,
      data: page.data.map((c) => changeRequestResponse(c, emu.publicUrl, now)),
    });
  });

  router.delete(`${CHANGE_BASE}/vendor/:requestId`, async (ctx) => {
    const caller = await vendor(ctx, emu, SCOPES.requestWrite);
    if (!caller) return;
    const id = requestIdOrError(ctx);
    if (!id) return;
    const change = liveChange(emu, id);
    if (!change) return sendProblem(ctx.res, "AUTH-00010");
    // Like request DELETE, ownership is not checked.
    emu.store.mutate(() => {
      change.isDeleted = true;
    });
    sendEmpty(ctx.res, 202);
  });
}
