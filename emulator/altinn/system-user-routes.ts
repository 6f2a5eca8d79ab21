// Vendor view of system users (CONTRACT §5.1) under /authentication/api/v1/systemuser.
import type { Emulator } from "../context";
import { sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import type { Router } from "../lib/router";
import { authorize, SCOPES } from "./auth";
import { toSystemUserExternal } from "./models";

export function registerSystemUsers(router: Router, emu: Emulator): void {
  // A GET, but Altinn requires the request *write* scope here.
  router.get("/authentication/api/v1/systemuser/vendor/byquery", async (ctx) => {
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
