// Vendor view of system users (CONTRACT §5.1) under /authentication/api/v1/systemuser.
import type { Emulator } from "../context";
import { sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import { param, type Router } from "../lib/router";
import { authorize, SCOPES } from "./auth";
import { sendProblem } from "./problems";
import { toSystemUserExternal } from "./models";
import { decodeToken, paginate } from "./request-store";

const VENDOR_BASE = "/authentication/api/v1/systemuser/vendor";

export function registerSystemUsers(router: Router, emu: Emulator): void {
  // Scope is systemregister.write, not a systemuser scope (CONTRACT §5.1).
  router.get(`${VENDOR_BASE}/bysystem/:systemId`, async (ctx) => {
    const caller = await authorize(ctx, emu, [SCOPES.systemRegisterWrite]);
    if (!caller) return;
    if (!caller.vendorOrgNo) return sendEmpty(ctx.res, 401);
    const systemId = param(ctx, "systemId");
    const data = emu.store.data;
    if (!data.systems.some((s) => s.id === systemId && !s.isDeleted && s.vendorOrgNo === caller.vendorOrgNo)) {
      return sendProblem(ctx.res, "AUTH-00011");
    }
    const raw = ctx.url.searchParams.get("token");
    const after = decodeToken(raw);
    if (after !== undefined && (typeof after !== "number" || !Number.isInteger(after))) {
      return sendModelErrors(ctx, { token: [`The value '${raw ?? ""}' is not valid.`] });
    }
    // The internal sequence number is the position in the append-only collection (soft deletes keep it stable).
    const items = data.systemUsers
      .map((user, index) => ({ user, seq: index + 1 }))
      .filter(({ user }) => !user.isDeleted && user.systemId === systemId);
    const base = `${emu.publicUrl}${VENDOR_BASE}/bysystem/${encodeURIComponent(systemId)}`;
    const page = paginate(
      items,
      (i) => i.seq,
      after,
      (token) => `${base}?token=${token}`,
    );
    sendJson(ctx.res, 200, { links: page.links, data: page.data.map((i) => toSystemUserExternal(i.user)) });
  });

  // A GET, but Altinn requires the request *write* scope here.
  router.get(`${VENDOR_BASE}/byquery`, async (ctx) => {
    const caller = await authorize(ctx, emu, [SCOPES.requestWrite]);
    if (!caller) return;
    const q = ctx.url.searchParams;
    const systemId = q.get("system-id")?.trim();
    const orgNo = q.get("orgno")?.trim();
    if (!systemId || !orgNo) {
      const errors: Record<string, string[]> = {};
      if (!systemId) errors["system-id"] = ["The system-id field is required."];
      if (!orgNo) errors.orgno = ["The orgno field is required."];
      return sendModelErrors(ctx, errors);
    }
    if (!caller.vendorOrgNo) return sendEmpty(ctx.res, 401);
    const externalRef = q.get("external-ref")?.trim() || orgNo;
    const system = emu.store.data.systems.find((s) => s.id === systemId);
    const user = emu.store.data.systemUsers.find(
      (u) => !u.isDeleted && u.systemId === systemId && u.reporteeOrgNo === orgNo && u.externalRef === externalRef,
    );
    if (!user || !system || system.vendorOrgNo !== caller.vendorOrgNo) return sendEmpty(ctx.res, 404);
    sendJson(ctx.res, 200, toSystemUserExternal(user));
  });
}
