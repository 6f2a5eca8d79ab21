// The lookup Maskinporten makes to resolve a system user (CONTRACT §1.4,
// SystemUserController.CheckIfPartyHasIntegration). The emulator's own token endpoint resolves system
// users from state directly; this endpoint exists so a Maskinporten-side client can be tested too.
import type { Emulator } from "../context";
import { sendModelErrors } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import type { Router } from "../lib/router";
import { authorize, SCOPES } from "./auth";
import { toSystemUserExternal } from "./models";

const REQUIRED = ["clientId", "systemProviderOrgNo", "systemUserOwnerOrgNo"] as const;

export function registerByExternalId(router: Router, emu: Emulator): void {
  router.get("/authentication/api/v1/systemuser/byExternalId", async (ctx) => {
    if (!(await authorize(ctx, emu, [SCOPES.maskinportenSystemUserRead]))) return;
    const q = ctx.url.searchParams;
    const missing = REQUIRED.filter((name) => !q.get(name)?.trim());
    if (missing.length > 0) {
      return sendModelErrors(
        ctx,
        Object.fromEntries(missing.map((name) => [name, [`The ${name} field is required.`]])),
      );
    }
    const clientId = q.get("clientId")?.trim() ?? "";
    const vendorOrgNo = q.get("systemProviderOrgNo")?.trim() ?? "";
    const ownerOrgNo = q.get("systemUserOwnerOrgNo")?.trim() ?? "";
    // An empty externalRef means the owner org number, the default a request gets (CONTRACT §1.4).
    const externalRef = q.get("externalRef")?.trim() || ownerOrgNo;
    const systemIds = new Set(
      emu.store.data.systems
        .filter((s) => !s.isDeleted && s.vendorOrgNo === vendorOrgNo && s.clientIds.includes(clientId))
        .map((s) => s.id),
    );
    const user = emu.store.data.systemUsers.find(
      (u) =>
        !u.isDeleted && systemIds.has(u.systemId) && u.reporteeOrgNo === ownerOrgNo && u.externalRef === externalRef,
    );
    if (!user) return sendEmpty(ctx.res, 404);
    sendJson(ctx.res, 200, toSystemUserExternal(user));
  });
}
