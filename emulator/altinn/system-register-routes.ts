// System Register vendor API (CONTRACT §3.2) under /authentication/api/v1/systemregister: create,
// list and read here; updates, delete and changelog in system-register-update-routes.ts; the
// portal-scoped reads in system-register-portal-routes.ts.
import { randomUUID } from "node:crypto";
import type { Emulator } from "../context";
import { bindJson } from "../lib/aspnet-model";
import { sendEmpty, sendJson } from "../lib/http";
import { param, type Router } from "../lib/router";
import { authorize } from "./auth";
import { registerSystemInput, toRegisteredSystemDto, toRegisteredSystemResponse } from "./models";
import { sendValidationProblem } from "./problems";
import { changelogEntry, requestSnapshot } from "./system-register-changelog";
import { mayWrite, SYSTEM_REGISTER_BASE, systemFromInput, WRITE_SCOPES } from "./system-register-common";
import { registerSystemRegisterPortal } from "./system-register-portal-routes";
import { registerSystemRegisterUpdates } from "./system-register-update-routes";
import { validateNewSystem, vendorIdError } from "./system-register-validation";

export function registerSystemRegister(router: Router, emu: Emulator): void {
  const BASE = SYSTEM_REGISTER_BASE;
  router.post(`${BASE}/vendor`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE_SCOPES);
    if (!caller) return;
    const input = await bindJson(ctx, registerSystemInput, "registerNewSystem");
    if (!input) return;

    const vendorError = vendorIdError(input);
    if (vendorError) return sendValidationProblem(ctx.res, [vendorError]);
    const errors = validateNewSystem(input, emu.store.data);
    const vendorOrgNo = input.vendor.ID.slice("0192:".length);
    // The controller checks ownership after collecting, but before returning, validation errors.
    if (!mayWrite(caller, vendorOrgNo)) return sendEmpty(ctx.res, 403);
    if (errors.length > 0) return sendValidationProblem(ctx.res, errors);

    const internalId = randomUUID();
    const system = systemFromInput(input, { internalId, vendorOrgNo, created: emu.now().toISOString() });
    emu.store.mutate((d) => {
      d.systems.push(system);
      d.changelog.push(changelogEntry(emu, caller, "create", internalId, requestSnapshot(system)));
    });
    sendJson(ctx.res, 200, internalId);
  });

  router.get(`${BASE}/vendor`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE_SCOPES);
    if (!caller) return;
    if (!caller.vendorOrgNo) return sendEmpty(ctx.res, 403);
    const systems = emu.store.data.systems.filter((s) => !s.isDeleted && s.vendorOrgNo === caller.vendorOrgNo);
    sendJson(ctx.res, 200, systems.map(toRegisteredSystemDto));
  });

  router.get(`${BASE}/vendor/:systemId`, async (ctx) => {
    const caller = await authorize(ctx, emu, WRITE_SCOPES);
    if (!caller) return;
    // Soft-deleted systems are still returned, flagged isDeleted (CONTRACT §3.2).
    const system = emu.store.data.systems.find((s) => s.id === param(ctx, "systemId"));
    if (!system) return sendEmpty(ctx.res, 404);
    if (!mayWrite(caller, system.vendorOrgNo)) return sendEmpty(ctx.res, 403);
    sendJson(ctx.res, 200, toRegisteredSystemResponse(system));
  });

  registerSystemRegisterUpdates(router, emu);
  registerSystemRegisterPortal(router, emu);
}
